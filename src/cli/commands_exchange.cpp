// import, export: the spreadsheet exchange (CSV files as county offices keep them).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "core/error.h"
#include "core/text.h"
#include "app/import.h"
#include "exchange/exchange.h"
#include "exchange/workbook.h"

namespace sb::cli {

namespace {

std::string ReadTextFile(const std::string& path) {
  std::ifstream f(std::filesystem::path(path), std::ios::binary);
  if (!f) Fail(ErrorCode::InvalidInput, "无法打开映射文件 " + path);
  std::ostringstream ss;
  ss << f.rdbuf();
  std::string text = ss.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  return text;
}

int Import(Invocation& inv) {
  exchange::ImportOptions options;
  options.update = inv.args.Has("update");
  options.dryRun = inv.args.Has("dry-run");
  options.workbook.sheet = inv.args.Get("sheet");
  if (inv.args.Has("table")) {
    std::string name = inv.args.Get("table");
    options.workbook.table = exchange::TableForName(name);
    if (!options.workbook.table)
      Fail(ErrorCode::InvalidInput, "--table “" + name + "”不是可导入的表（可选 projects、budget、sources、"
                                    "allocations、receipts、procedures、progress、contracts、payments、plans）");
  }
  if (inv.args.Has("map")) {
    std::string path = inv.args.Get("map");
    options.workbook.layout = exchange::SheetLayout::FromJson(ReadTextFile(path), "映射文件 " + path);
  }
  auto outcome = app::Import(*inv.session, inv.args.positional, options);
  auto& result = outcome.result;
  if (options.dryRun) {
    inv.out << "试导入（--dry-run，数据库没有任何改动）\n";
    for (size_t i = 0; i < result.sheets.size(); ++i)
      for (const auto& line : exchange::DescribeSheet(result, i)) inv.out << line << "\n";
    if (!result.notes.empty()) {
      inv.out << "说明：\n";
      for (const auto& n : result.notes) inv.out << "  " << n.ToString() << "\n";
    }
    size_t inserted = 0, unchanged = 0;
    for (const auto& c : result.counts) inserted += c.inserted, unchanged += c.unchanged;
    if (result.ProblemCount() == 0) {
      inv.out << "可以导入：将新增 " << inserted << " 行";
      if (unchanged) inv.out << "，已有 " << unchanged << " 行（与数据库相同，跳过）";
      inv.out << "\n";
      return kExitOk;
    }
    for (const auto& line : result.ProblemLines()) inv.err << line << "\n";
    inv.err << "不能导入：共 " << result.ProblemCount() << " 个问题。\n";
    return kExitFailed;
  }
  if (!result.committed) {
    for (const auto& line : result.ProblemLines()) inv.err << line << "\n";
    if (result.cancelled)
      inv.err << "导入已取消，数据库没有任何改动。\n";
    else
      inv.err << "导入失败：共 " << result.ProblemCount() << " 个问题，数据库没有任何改动。\n";
    return kExitFailed;
  }
  size_t inserted = 0, updated = 0, unchanged = 0;
  inv.out << "已导入 → " << inv.dbPath << "\n";
  for (const auto& c : result.counts) {
    const auto& spec = exchange::Spec(c.table);
    inv.out << "  " << spec.title << "（" << c.file << "）：新增 " << c.inserted << " 行";
    if (options.update) inv.out << "，更新 " << c.updated << " 行，未变 " << c.unchanged << " 行";
    else if (c.unchanged) inv.out << "，已有 " << c.unchanged << " 行（与数据库相同，跳过）";
    inv.out << "\n";
    inserted += c.inserted;
    updated += c.updated;
    unchanged += c.unchanged;
  }
  inv.out << "合计：新增 " << inserted << " 行";
  if (options.update) inv.out << "，更新 " << updated << " 行，未变 " << unchanged << " 行";
  else if (unchanged) inv.out << "，已有 " << unchanged << " 行";
  inv.out << "\n";
  if (!result.notes.empty()) {
    inv.out << "说明：\n";
    for (const auto& n : result.notes) inv.out << "  " << n.ToString() << "\n";
  }
  // The same findings the payment dialog shows before saving, for every imported row.
  if (!outcome.raised.empty()) {
    inv.out << "导入后新增或加重的预警 " << outcome.raised.size() << " 条：\n";
    for (const auto& f : outcome.raised)
      inv.out << "  [" << SeverityLabel(f.severity) << "] " << f.code << " " << f.projectCode << " "
              << f.projectName << "：" << f.message << "\n";
  }
  return kExitOk;
}

int Export(Invocation& inv) {
  exchange::ExportOptions options;
  std::string unit = inv.args.Get("unit", "万元");
  if (unit == "万元" || unit == "wan")
    options.unit = MoneyUnit::Wan;
  else if (unit == "元" || unit == "yuan")
    options.unit = MoneyUnit::Yuan;
  else
    Fail(ErrorCode::InvalidInput, "--unit 只能是 万元 或 元（不是“" + unit + "”）");
  const std::string& target = inv.args.positional.at(0);
  std::string format = inv.args.Get("format", exchange::IsWorkbookFileName(target) ? "xlsx" : "csv");
  if (format == "xlsx") {
    if (!exchange::IsWorkbookFileName(target))
      Fail(ErrorCode::InvalidInput, "--format xlsx 要写入一个 .xlsx 文件（不是“" + target + "”）");
    auto result = exchange::ExportWorkbook(*inv.db, target, options);
    inv.out << "已导出到 " << target << "（每张表一个工作表，金额单位" << (options.unit == MoneyUnit::Wan ? "万元" : "元")
            << "）：\n";
    for (const auto& f : result.files) inv.out << "  " << exchange::Spec(f.table).title << " " << f.rows << " 行\n";
    return kExitOk;
  }
  if (format != "csv") Fail(ErrorCode::InvalidInput, "--format 只能是 csv 或 xlsx（不是“" + format + "”）");
  auto result = exchange::Export(*inv.db, target, options);
  inv.out << "已导出（UTF-8 带 BOM，金额单位" << (options.unit == MoneyUnit::Wan ? "万元" : "元")
          << "）：\n";
  for (const auto& f : result.files)
    inv.out << "  " << f.path << "  " << exchange::Spec(f.table).title << " " << f.rows << " 行\n";
  return kExitOk;
}

}  // namespace

void AddExchangeCommands(std::vector<Command>& commands) {
  commands.push_back(
      {"import", "从 Excel 台账（.xlsx、.xls）或 CSV 文件导入项目、资金、手续、进度、合同和拨付",
       "import 路径... [--update] [--sheet 工作表] [--table 表] [--map 映射.json] [--dry-run]",
       "路径可以是文件或文件夹（取其中全部 .csv）。表由文件名识别：projects.csv、budget.csv、"
       "sources.csv、allocations.csv、receipts.csv、procedures.csv、progress.csv、contracts.csv、"
       "payments.csv（或中文名 项目.csv、概算.csv、资金来源.csv、资金下达.csv、资金到位.csv、"
       "前期手续.csv、进度.csv、合同.csv、拨付.csv），按依赖顺序导入。\n"
       "第一行是列名（中文或英文，顺序不限）；金额列的列名注明单位，如 概算金额(万元) 或 "
       "概算金额(元)。编码自动识别：UTF-8（带或不带 BOM）或 GBK/GB18030。\n"
       "全部或全不：只要有一行有问题，就什么也不写入，并把每个问题以“文件:行: 列: 原因”列在"
       "标准错误上（最多 200 个），退出码 1。\n"
       "已存在的数据（项目编号、合同编号、来源编号、凭证号，或 项目+费用类别、项目+来源+日期、"
       "项目+手续、项目+月份 相同）只有加 --update 才会被文件内容覆盖，否则报错；"
       "已入账的拨付任何时候都不会被修改（与文件完全相同的行跳过，不同则报错，请用红字冲销）。\n"
       "Excel 台账（.xlsx、.xls）：导入每个可见工作表中认出的表（工作表名或文件名是表名时按名，"
       "否则按列认）；表头上方的标题、填报单位、“单位：万元”行跳过（单位用于没有自带单位的金额列），"
       "两行合并表头连起来认，合并单元格的值用于它覆盖的每一行，空行跳过，合计/小计/总计行核对后不导入"
       "（与各行之和不符是问题），序号列不导入，表下的“制表人：”“注：”等说明到此结束。列名可用程序的"
       "中文名、英文名或同义词（拨付金额、支付金额 → 金额；项目名称 → 按名称查项目；资金来源、资金渠道 → "
       "按名称或文号查来源；县里可在设置 import.synonyms 中补充，格式同 --map 文件的 synonyms 和 values）。"
       "没有合同编号列的拨付，按收款单位找本项目唯一的同名乙方合同；没有费用类别时按合同类型推定。"
       "数值单元格按能精确还原的最短小数读取，金额多于 2 位小数（元）或 6 位小数（万元）时拒绝，从不四舍五入。"
       "每月重新导入累计台账时，与数据库完全相同的行算作“已有”并跳过；已导入而内容不同的行报错并列出差别"
       "（拨付请用红字冲销更正）。\n"
       "--map 映射.json：{\"sheet\": \"拨付\", \"table\": \"payments\", \"header_row\": 3, \"header_rows\": 2, "
       "\"columns\": {\"B\": \"项目名称\", \"F\": \"金额(万元)\", \"H\": \"\"}, \"synonyms\": {\"付款额\": \"金额\"}, "
       "\"values\": {\"款项性质\": {\"工程款\": \"进度款\"}}}（\"\" 表示该列不导入）。\n"
       "--dry-run：只读取和检查，列出工作表、表头行、每列对应的字段、前几行及其问题和行数，不写入。",
       {{"update", false, "用文件内容更新已存在的数据（拨付除外）"},
        {"sheet", true, "只导入这个工作表"},
        {"table", true, "工作表中的表：projects、budget、sources、allocations、receipts、procedures、progress、contracts、payments、plans"},
        {"map", true, "列对应的 JSON 文件（见上）"},
        {"dry-run", false, "只检查并显示对应关系，不写入"}},
       1,
       1000000,
       DbUse::MustExist,
       Import});
  commands.push_back(
      {"export", "把全部数据导出为 CSV 文件或一个 Excel 工作簿", "export 文件夹|文件.xlsx [--format csv|xlsx] [--unit 万元|元]",
       "在文件夹中写入 projects.csv、budget.csv、sources.csv、allocations.csv、receipts.csv、"
       "procedures.csv、progress.csv、contracts.csv、payments.csv（同名文件会被替换）：UTF-8 带 BOM，"
       "中文列名，金额精确到分、不带千分位，日期为 2020-06-30 格式。导出的文件可以原样再导入。\n"
       "目标是 .xlsx 文件（或 --format xlsx）时写一个工作簿，每张表一个工作表（与 CSV 同样的列）："
       "金额是带万元格式的数值，日期是日期，冻结表头并加筛选；可以原样再导入。",
       {{"unit", true, "金额单位：万元（默认，最多 6 位小数）或 元（2 位小数）"},
        {"format", true, "csv（默认）或 xlsx（目标以 .xlsx 结尾时默认）"}},
       1,
       1,
       DbUse::MustExist,
       Export});
}

}  // namespace sb::cli
