// Benchmark for the spreadsheet import (not a unit test): writes a county with N payments
// as CSV files, then imports them into a new database and reports the time taken.
//
//   bench_import DIR [PAYMENTS=100000] [--generate-only]
//
// DIR receives projects.csv, sources.csv, contracts.csv, payments.csv and bench.db. With
// --generate-only the files are written and nothing imported, so that the command line
// itself can be measured:
//   schoolbuild-cli --db DIR/x.db init
//   /usr/bin/time -v schoolbuild-cli --db DIR/x.db import DIR
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "core/money.h"
#include "exchange/csv.h"
#include "app/import.h"
#include "exchange/exchange.h"
#include "storage/database.h"

namespace fs = std::filesystem;
using namespace sb;

namespace {

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
}

std::string Pad(long v, int width) {
  std::string s = std::to_string(v);
  return std::string(width > static_cast<int>(s.size()) ? width - s.size() : 0, '0') + s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "用法：bench_import 文件夹 [拨付笔数=100000] [--generate-only]\n";
    return 2;
  }
  fs::path dir = argv[1];
  long payments = 100000;
  bool generateOnly = false;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--generate-only") generateOnly = true;
    else payments = std::stol(a);
  }
  const long projects = 200, sources = 10;
  fs::create_directories(dir);

  std::string bom = "\xEF\xBB\xBF";
  std::string text = bom;
  exchange::AppendCsvRecord(text, {"项目编号", "项目名称", "建设单位", "乡镇", "学段", "建设类别",
                                   "建设性质", "建筑面积(㎡)", "计划开工", "计划竣工", "状态"});
  for (long p = 1; p <= projects; ++p)
    exchange::AppendCsvRecord(text, {"BX-" + Pad(p, 4), "第" + std::to_string(p) + "中学教学楼建设",
                                     "第" + std::to_string(p) + "中学", "城关镇", "初中", "教学楼",
                                     "新建", "4800.00", "2024-03-01", "2026-08-31", "在建"});
  WriteFile(dir / "projects.csv", text);

  text = bom;
  exchange::AppendCsvRecord(text, {"来源编号", "来源名称", "来源类型", "年度", "金额(万元)", "文号", "可用于"});
  for (long s = 1; s <= sources; ++s)
    exchange::AppendCsvRecord(text, {"ZJ-" + Pad(s, 2), "县级配套资金第" + std::to_string(s) + "批",
                                     "县级财政", "2024", "50000.00", "县财字〔2024〕" + std::to_string(s) + "号",
                                     "征地拆迁、前期费用、建安工程、设备购置、其他费用、预备费"});
  WriteFile(dir / "sources.csv", text);

  text = bom;
  exchange::AppendCsvRecord(text, {"合同编号", "项目编号", "合同类型", "乙方", "合同金额(万元)",
                                   "签订日期", "预付款比例(%)", "质保金比例(%)"});
  for (long p = 1; p <= projects; ++p)
    exchange::AppendCsvRecord(text, {"HT-BX-" + Pad(p, 4), "BX-" + Pad(p, 4), "施工",
                                     "第" + std::to_string(p % 17 + 1) + "建筑工程有限公司", "3200.00",
                                     "2024-02-15", "20", "3"});
  WriteFile(dir / "contracts.csv", text);

  text = bom;
  text.reserve(static_cast<size_t>(payments) * 150);
  exchange::AppendCsvRecord(text, {"项目编号", "合同编号", "来源编号", "费用类别", "拨付日期",
                                   "金额(万元)", "款项性质", "凭证号", "收款单位"});
  for (long i = 0; i < payments; ++i) {
    long p = i % projects + 1;
    Money amount = Money::FromFen(1000000 + (i * 7919) % 90000000);  // 1万元 … 91万元
    int month = static_cast<int>(i / 4000 % 12) + 1, day = static_cast<int>(i % 28) + 1;
    std::string date = "2025-" + Pad(month, 2) + "-" + Pad(day, 2);
    exchange::AppendCsvRecord(text, {"BX-" + Pad(p, 4), "HT-BX-" + Pad(p, 4), "ZJ-" + Pad(i % sources + 1, 2),
                                     "建安工程", date, amount.FormatWanExact(), "进度款",
                                     "记-2025-" + Pad(i + 1, 6), "第" + std::to_string(p % 17 + 1) + "建筑工程有限公司"});
  }
  WriteFile(dir / "payments.csv", text);
  std::cout << "已生成 " << payments << " 笔拨付 → " << (dir / "payments.csv").string() << " ("
            << text.size() / 1024 << " KiB)\n";
  if (generateOnly) return 0;

  fs::path dbPath = dir / "bench.db";
  fs::remove(dbPath);
  fs::remove(dir / "bench.db-wal");
  fs::remove(dir / "bench.db-shm");
  auto db = storage::Database::Open(dbPath.string(), storage::OpenMode::Create);
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpuStart = std::clock();
  sb::app::Session session(*db);
  auto result = sb::app::Import(session, {(dir / "projects.csv").string(), (dir / "sources.csv").string(),
                                       (dir / "contracts.csv").string(), (dir / "payments.csv").string()}).result;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double cpu = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
  if (!result.committed) {
    for (const auto& line : result.ProblemLines()) std::cerr << line << "\n";
    return 1;
  }
  size_t rows = 0;
  for (const auto& c : result.counts) rows += c.inserted;
  std::printf("导入 %zu 行（其中拨付 %ld 笔）用时 %.2f 秒（CPU %.2f 秒）\n", rows, payments, seconds, cpu);
  return 0;
}
