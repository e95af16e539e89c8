// schoolbuild-bench (issue 12): a reproducible province, and the time and memory of each
// step a clerk waits for, against the floor of the engine doing the same sums itself.
// Not a test: built by the normal build, run by hand; its figures go into the README.
//
//   schoolbuild-bench --generate FILE|"postgresql: …" [--projects 5000] [--payments 1000000]
//   schoolbuild-bench --db FILE|"postgresql: …" [--runs 3] [--steps open,projects,…]
//
// --generate writes the province as CSV files into a temporary folder and imports them
// with the program's own import (every check, the history) into a new database; it prints
// how long that took and the peak memory. --db runs each step --runs times, each run in a
// child process of its own (its peak memory is the child's), and prints one line per step:
// the median time, the peak memory and the ratio to the floor — sqlite3 (or the server)
// aggregating the payments itself, measured in the same run.
#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app/actions.h"
#include "app/import.h"
#include "app/report_service.h"
#include "app/session.h"
#include "core/money.h"
#include "exchange/csv.h"
#include "exchange/exchange.h"
#include "storage/database.h"
#include "storage/repository.h"

namespace fs = std::filesystem;
using namespace sb;

namespace {

using Clock = std::chrono::steady_clock;

std::string Pad(long v, int width) {
  std::string s = std::to_string(v);
  return std::string(width > static_cast<int>(s.size()) ? width - s.size() : 0, '0') + s;
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
}

const char* const kCategories[] = {"征地拆迁", "前期费用", "建安工程", "设备购置", "其他费用", "预备费"};
const char* const kStages[] = {"小学", "初中", "九年一贯制", "高中", "学前教育"};
const char* const kKinds[] = {"施工", "监理", "设计", "勘察", "设备采购"};

// The province as CSV files in `dir`: every table the program has, sized as the issue says
// (5,000 projects → 30,000 budget lines, 300 sources, 20,000 allocations and receipts,
// 70,000 procedure steps, 120,000 progress entries, 50,000 contracts; the payments as asked).
std::vector<std::string> WriteProvince(const fs::path& dir, long projects, long payments) {
  const std::string bom = "\xEF\xBB\xBF";
  const long sources = 300, townships = 100;
  std::vector<std::string> files;
  auto emit = [&](const std::string& name, const std::string& text) {
    WriteFile(dir / name, text);
    files.push_back((dir / name).string());
  };
  auto code = [](long p) { return "SX-" + Pad(p, 5); };

  std::string t = bom;
  exchange::AppendCsvRecord(t, {"项目编号", "项目名称", "建设单位", "乡镇", "学段", "建设类别", "建设性质",
                                "建筑面积(㎡)", "计划开工", "计划竣工", "实际开工", "状态"});
  for (long p = 1; p <= projects; ++p)
    exchange::AppendCsvRecord(t, {code(p), "第" + std::to_string(p) + "学校教学楼建设", "第" + std::to_string(p) + "学校",
                                  "第" + std::to_string(p % townships + 1) + "镇", kStages[p % 5], "教学楼", "新建",
                                  "4800.00", "2024-03-01", "2026-12-31", "2024-03-20", "在建"});
  emit("projects.csv", t);

  t = bom;
  exchange::AppendCsvRecord(t, {"项目编号", "费用类别", "概算金额(万元)"});
  for (long p = 1; p <= projects; ++p)
    for (int c = 0; c < 6; ++c)
      exchange::AppendCsvRecord(t, {code(p), kCategories[c], c == 2 ? "4000.00" : "200.00"});
  emit("budget.csv", t);

  t = bom;
  exchange::AppendCsvRecord(t, {"来源编号", "来源名称", "来源类型", "年度", "金额(万元)", "文号", "可用于"});
  for (long s = 1; s <= sources; ++s)
    exchange::AppendCsvRecord(t, {"ZJ-" + Pad(s, 3), "省级统筹资金第" + std::to_string(s) + "批", "县级财政", "2024",
                                  "100000.00", "财教〔2024〕" + std::to_string(s) + "号",
                                  "征地拆迁、前期费用、建安工程、设备购置、其他费用、预备费"});
  emit("sources.csv", t);

  std::string alloc = bom, rec = bom;
  exchange::AppendCsvRecord(alloc, {"项目编号", "来源编号", "下达金额(万元)", "下达日期"});
  exchange::AppendCsvRecord(rec, {"项目编号", "来源编号", "到位金额(万元)", "到位日期"});
  for (long p = 1; p <= projects; ++p)
    for (int k = 0; k < 4; ++k) {
      std::string src = "ZJ-" + Pad((p * 4 + k) % sources + 1, 3);
      exchange::AppendCsvRecord(alloc, {code(p), src, "1000.00", "2024-0" + std::to_string(k + 1) + "-10"});
      exchange::AppendCsvRecord(rec, {code(p), src, "1000.00", "2024-0" + std::to_string(k + 2) + "-10"});
    }
  emit("allocations.csv", alloc);
  emit("receipts.csv", rec);

  t = bom;
  exchange::AppendCsvRecord(t, {"项目编号", "手续", "状态", "完成日期"});
  const char* const steps[] = {"立项批复", "用地预审与选址意见书", "可行性研究报告批复", "环境影响评价", "土地征收",
                               "建设用地规划许可证", "初步设计及概算批复", "施工图审查", "建设工程规划许可证",
                               "招标", "施工许可证", "竣工验收", "结算审核", "竣工财务决算"};
  for (long p = 1; p <= projects; ++p)
    for (int s = 0; s < 14; ++s)
      exchange::AppendCsvRecord(t, {code(p), steps[s], s < 11 ? "已办结" : "未办", s < 11 ? "2024-0" + std::to_string(s % 3 + 1) + "-05" : ""});
  emit("procedures.csv", t);

  t = bom;
  exchange::AppendCsvRecord(t, {"项目编号", "月份", "完成比例(%)", "累计完成投资(万元)"});
  for (long p = 1; p <= projects; ++p)
    for (int m = 0; m < 24; ++m) {
      int year = 2024 + (m + 3) / 12, month = (m + 3) % 12 + 1;
      exchange::AppendCsvRecord(t, {code(p), std::to_string(year) + "-" + Pad(month, 2),
                                    std::to_string(3 + m * 4) + ".0", std::to_string(150 * (m + 1)) + ".00"});
    }
  emit("progress.csv", t);

  t = bom;
  exchange::AppendCsvRecord(t, {"合同编号", "项目编号", "合同类型", "乙方", "合同金额(万元)", "签订日期",
                                "预付款比例(%)", "质保金比例(%)"});
  for (long p = 1; p <= projects; ++p)
    for (int c = 0; c < 10; ++c)
      exchange::AppendCsvRecord(t, {"HT-" + code(p) + "-" + Pad(c, 2), code(p), kKinds[c % 5],
                                    "第" + std::to_string((p + c) % 97 + 1) + "建设有限公司", c == 0 ? "3200.00" : "40.00",
                                    "2024-02-15", c == 0 ? "20" : "0", c == 0 ? "3" : "0"});
  emit("contracts.csv", t);

  t = bom;
  t.reserve(static_cast<size_t>(payments) * 170);
  exchange::AppendCsvRecord(t, {"项目编号", "合同编号", "来源编号", "费用类别", "拨付日期", "金额(万元)", "款项性质",
                                "凭证号", "收款单位"});
  for (long i = 0; i < payments; ++i) {
    long p = i % projects + 1;
    int k = static_cast<int>(i / projects % 4);
    Money amount = Money::FromFen(100000 + (i * 7919) % 1500000);  // 0.1万元 … 1.6万元
    int month = static_cast<int>(i / 97 % 20), day = static_cast<int>(i % 28) + 1;
    std::string date = std::to_string(2025 + month / 12) + "-" + Pad(month % 12 + 1, 2) + "-" + Pad(day, 2);
    exchange::AppendCsvRecord(t, {code(p), "HT-" + code(p) + "-00", "ZJ-" + Pad((p * 4 + k) % 300 + 1, 3), "建安工程",
                                  date, amount.FormatWanExact(), "进度款", "记-" + Pad(i + 1, 7),
                                  "第" + std::to_string(p % 97 + 1) + "建设有限公司"});
  }
  emit("payments.csv", t);
  return files;
}

struct Measured {
  double seconds = 0;
  long peakKb = 0;
  bool ok = false;
};

// Runs `work` in a child process: its wall time and peak resident memory.
// A step that times a part of its work itself (the median of several saves) sets this in
// the child; InChild reports it instead of the child's whole time.
double g_timed = -1;

Measured InChild(const std::function<void()>& work) {
  int timed[2] = {-1, -1};
  if (pipe(timed) != 0) throw std::runtime_error("pipe");
  auto start = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    close(timed[0]);
    try {
      work();
      if (write(timed[1], &g_timed, sizeof g_timed) != static_cast<ssize_t>(sizeof g_timed)) _exit(1);
      _exit(0);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "  失败：%s\n", e.what());
      _exit(1);
    }
  }
  close(timed[1]);
  double inner = -1;
  const bool reported = read(timed[0], &inner, sizeof inner) == static_cast<ssize_t>(sizeof inner);
  close(timed[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Measured m;
  m.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (reported && inner >= 0) m.seconds = inner;
  m.peakKb = usage.ru_maxrss;
  m.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return m;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// The engine's own sums, without the program: the floor a step is compared with.
double Floor(const std::string& location, const std::string& query) {
  auto start = Clock::now();
  if (storage::Database::IsServerLocation(location)) {
    PGconn* c = PQconnectdb(location.substr(std::strlen(storage::Database::kServerPrefix)).c_str());
    start = Clock::now();
    PGresult* r = PQexec(c, query.c_str());
    double s = std::chrono::duration<double>(Clock::now() - start).count();
    PQclear(r);
    PQfinish(c);
    return s;
  }
  sqlite3* db = nullptr;
  sqlite3_open_v2(location.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  start = Clock::now();
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, query.c_str(), -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
  }
  sqlite3_finalize(st);
  double s = std::chrono::duration<double>(Clock::now() - start).count();
  sqlite3_close(db);
  return s;
}

const char* kProjectsFloor =
    "SELECT p.id, (SELECT SUM(amount) FROM budget_lines b WHERE b.project_id = p.id), "
    "(SELECT SUM(amount) FROM allocations a WHERE a.project_id = p.id), "
    "(SELECT SUM(amount) FROM receipts r WHERE r.project_id = p.id), "
    "(SELECT SUM(amount) FROM payments y WHERE y.project_id = p.id) FROM projects p";
const char* kWarningsFloor =
    "SELECT project_id, contract_id, source_id, cost_category, SUM(amount), COUNT(*) FROM payments "
    "GROUP BY project_id, contract_id, source_id, cost_category";

int Generate(const std::string& location, long projects, long payments) {
  fs::path dir = fs::temp_directory_path() / ("sb_bench_" + std::to_string(getpid()));
  fs::create_directories(dir);
  auto files = WriteProvince(dir, projects, payments);
  std::printf("已生成 CSV：%ld 个项目、%ld 笔拨付 → %s\n", projects, payments, dir.c_str());
  Measured m = InChild([&] {
    app::CreateDatabase(location, false);
    auto db = storage::Database::Open(location, storage::OpenMode::MustExist);
    app::Session session(*db);
    session.SetToday(Date(2026, 11, 30));
    auto out = app::Import(session, files).result;
    if (!out.committed) {
      for (const auto& line : out.ProblemLines()) std::fprintf(stderr, "%s\n", line.c_str());
      throw std::runtime_error("导入失败");
    }
  });
  fs::remove_all(dir);
  std::printf("import  %.2f s  peak %ld MB%s\n", m.seconds, m.peakKb / 1024, m.ok ? "" : "  (失败)");
  return m.ok ? 0 : 1;
}

int Run(const std::string& location, int runs, const std::string& only) {
  const Date today(2026, 11, 30);
  struct Step {
    std::string name;
    std::function<void()> work;
    const char* floor = nullptr;
  };
  static long serial = 0;
  fs::path out = fs::temp_directory_path() / ("sb_bench_out_" + std::to_string(getpid()));
  fs::create_directories(out);
  // One payment from a one-line CSV, as a clerk's daily import.
  auto importOne = [&](bool dryRun) {
    fs::create_directories(out / std::to_string(getpid()));
    const std::string csv = (out / std::to_string(getpid()) / "payments.csv").string();
    std::string t = "\xEF\xBB\xBF";
    exchange::AppendCsvRecord(t, {"项目编号", "合同编号", "来源编号", "费用类别", "拨付日期", "金额(万元)",
                                  "款项性质", "凭证号", "收款单位"});
    exchange::AppendCsvRecord(t, {"SX-00001", "HT-SX-00001-00", "ZJ-005", "建安工程", "2026-11-20", "1.00",
                                  "进度款", "记-B" + std::to_string(getpid()) + "-" + std::to_string(++serial),
                                  "第2建设有限公司"});
    WriteFile(csv, t);
    auto db = storage::Database::Open(location, storage::OpenMode::MustExist);
    app::Session s(*db);
    s.SetToday(today);
    exchange::ImportOptions options;
    options.dryRun = dryRun;
    auto r = app::Import(s, {csv}, options).result;
    if (r.ProblemCount() > 0 || (!dryRun && !r.committed)) {
      for (const auto& line : r.ProblemLines()) std::fprintf(stderr, "  %s\n", line.c_str());
      throw std::runtime_error("一笔拨付的导入失败");
    }
  };
  std::vector<Step> steps = {
      {"open",
       [&] {
         auto db = storage::Database::Open(location, storage::OpenMode::MustExist);
         app::Session s(*db);
         s.SetToday(today);
         (void)s.analysis().summaries.size();
       },
       nullptr},
      // What the window shows first past 1,000 projects (MainFrame::Reload): the list from
      // SQL's summaries and the funding gaps; the findings follow from a thread.
      {"list",
       [&] {
         auto db = storage::Database::Open(location, storage::OpenMode::MustExist);
         app::Session s(*db);
         s.SetToday(today);
         (void)s.Preview()->summaries.size();
       },
       nullptr},
      {"projects", [&] { (void)storage::ProjectSummaries(*storage::Database::Open(location, storage::OpenMode::MustExist)); },
       kProjectsFloor},
      {"warnings",
       [&] {
         auto db = storage::Database::Open(location, storage::OpenMode::MustExist);
         app::Session s(*db);
         s.SetToday(today);
         (void)s.analysis().findings.size();
       },
       kWarningsFloor},
      {"report-pdf",
       [&] {
         auto db = storage::Database::Open(location, storage::OpenMode::MustExist);
         auto r = app::PrepareReport(*db, YearMonth(2026, 10), today);
         app::WriteReport(r.model, report::GroupBy::Township, app::FileFormat::Pdf, (out / "r.pdf").string());
       },
       nullptr},
      {"report-xlsx",
       [&] {
         auto db = storage::Database::Open(location, storage::OpenMode::MustExist);
         auto r = app::PrepareReport(*db, YearMonth(2026, 10), today);
         app::WriteReport(r.model, report::GroupBy::Township, app::FileFormat::Xlsx, (out / "r.xlsx").string());
       },
       nullptr},
      {"export",
       [&] {
         auto db = storage::Database::Open(location, storage::OpenMode::MustExist);
         fs::remove_all(out / "export");
         exchange::Export(*db, (out / "export").string());
       },
       nullptr},
      // One payment saved as the window's payment dialog saves it: the refusals checked, the
      // findings it would raise shown, then recorded with its history (the median of 21
      // saves, the first included; the window has the database open already).
      {"save-payment",
       [&] {
         auto db = storage::Database::Open(location, storage::OpenMode::MustExist);
         app::Session s(*db);
         s.SetToday(today);
         Payment p;
         p.projectId = storage::FindProjectByCode(*db, "SX-00001")->id;
         p.contractId = storage::FindContractByCode(*db, "HT-SX-00001-00")->id;
         p.sourceId = storage::FindSourceByCode(*db, "ZJ-005")->id;
         p.category = CostCategory::Construction;
         p.kind = PaymentKind::Progress;
         p.date = Date(2026, 11, 20);
         p.amount = Money::FromFen(10000);
         p.payee = "第2建设有限公司";
         std::vector<double> saves;
         for (int i = 0; i < 21; ++i) {
           p.id = 0;
           p.voucher = "记-S" + std::to_string(getpid()) + "-" + std::to_string(i);
           auto start = Clock::now();
           app::CheckPayment(s, p);
           auto t1 = Clock::now();
           (void)app::PaymentFindings(s, p);
           auto t2 = Clock::now();
           app::RecordPayment(s, p);
           if (getenv("SB_BENCH_PARTS"))
             std::fprintf(stderr, "check %.2f findings %.2f record %.2f ms\n",
                          std::chrono::duration<double, std::milli>(t1 - start).count(),
                          std::chrono::duration<double, std::milli>(t2 - t1).count(),
                          std::chrono::duration<double, std::milli>(Clock::now() - t2).count());
           saves.push_back(std::chrono::duration<double>(Clock::now() - start).count());
         }
         g_timed = Median(saves);
       },
       nullptr},
      {"import-one", [&] { importOne(false); }, nullptr},
      // The same, checked, written and rolled back (--dry-run): the import without the
      // analysis before and after that lists the findings it raised.
      {"import-dry", [&] { importOne(true); }, nullptr},
  };
  std::printf("%-12s %10s %10s %10s %8s\n", "step", "median s", "peak MB", "floor s", "ratio");
  for (const auto& step : steps) {
    if (!only.empty() && ("," + only + ",").find("," + step.name + ",") == std::string::npos) continue;
    std::vector<double> times, floors;
    long peak = 0;
    bool ok = true;
    for (int i = 0; i < runs; ++i) {
      Measured m = InChild(step.work);
      ok = ok && m.ok;
      times.push_back(m.seconds);
      peak = std::max(peak, m.peakKb);
      if (step.floor) floors.push_back(Floor(location, step.floor));
    }
    double med = Median(times), floor = Median(floors);
    if (step.floor)
      std::printf("%-12s %10.4f %10ld %10.3f %8.1f%s\n", step.name.c_str(), med, peak / 1024, floor,
                  floor > 0 ? med / floor : 0.0, ok ? "" : "  (失败)");
    else
      std::printf("%-12s %10.4f %10ld %10s %8s%s\n", step.name.c_str(), med, peak / 1024, "-", "-", ok ? "" : "  (失败)");
    std::fflush(stdout);
  }
  fs::remove_all(out);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> opt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || i + 1 >= argc) {
      std::cerr << "用法：schoolbuild-bench --generate 数据库 [--projects N] [--payments M]\n"
                   "      schoolbuild-bench --db 数据库 [--runs 3] [--steps open,list,projects,warnings,report-pdf,"
                   "report-xlsx,export,save-payment,import-one,import-dry]\n";
      return 2;
    }
    opt[a.substr(2)] = argv[++i];
  }
  try {
    if (opt.count("generate"))
      return Generate(opt["generate"], opt.count("projects") ? std::stol(opt["projects"]) : 5000,
                      opt.count("payments") ? std::stol(opt["payments"]) : 1000000);
    if (opt.count("db")) return Run(opt["db"], opt.count("runs") ? std::stoi(opt["runs"]) : 3, opt["steps"]);
  } catch (const std::exception& e) {
    std::cerr << "错误：" << e.what() << "\n";
    return 1;
  }
  std::cerr << "要给出 --generate 或 --db\n";
  return 2;
}
