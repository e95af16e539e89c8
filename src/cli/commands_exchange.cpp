// import, export: the spreadsheet exchange (CSV files as county offices keep them).
#include "cli/commands.h"
#include "core/error.h"
#include "app/import.h"
#include "exchange/exchange.h"

namespace sb::cli {

namespace {

int Import(Invocation& inv) {
  exchange::ImportOptions options;
  options.update = inv.args.Has("update");
  auto outcome = app::Import(*inv.session, inv.args.positional, options);
  auto& result = outcome.result;
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
    inv.out << "\n";
    inserted += c.inserted;
    updated += c.updated;
    unchanged += c.unchanged;
  }
  inv.out << "合计：新增 " << inserted << " 行";
  if (options.update) inv.out << "，更新 " << updated << " 行，未变 " << unchanged << " 行";
  inv.out << "\n";
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
  auto result = exchange::Export(*inv.db, inv.args.positional.at(0), options);
  inv.out << "已导出（UTF-8 带 BOM，金额单位" << (options.unit == MoneyUnit::Wan ? "万元" : "元")
          << "）：\n";
  for (const auto& f : result.files)
    inv.out << "  " << f.path << "  " << exchange::Spec(f.table).title << " " << f.rows << " 行\n";
  return kExitOk;
}

}  // namespace

void AddExchangeCommands(std::vector<Command>& commands) {
  commands.push_back(
      {"import", "从 CSV 文件（Excel 台账另存）导入项目、资金、手续、进度、合同和拨付",
       "import 路径... [--update]",
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
       "已入账的拨付任何时候都不会被修改（与文件完全相同的行跳过，不同则报错，请用红字冲销）。",
       {{"update", false, "用文件内容更新已存在的数据（拨付除外）"}},
       1,
       1000000,
       DbUse::MustExist,
       Import});
  commands.push_back(
      {"export", "把全部数据导出为 CSV 文件（Excel 可直接打开）", "export 文件夹 [--unit 万元|元]",
       "在文件夹中写入 projects.csv、budget.csv、sources.csv、allocations.csv、receipts.csv、"
       "procedures.csv、progress.csv、contracts.csv、payments.csv（同名文件会被替换）：UTF-8 带 BOM，"
       "中文列名，金额精确到分、不带千分位，日期为 2020-06-30 格式。导出的文件可以原样再导入。",
       {{"unit", true, "金额单位：万元（默认，最多 6 位小数）或 元（2 位小数）"}},
       1,
       1,
       DbUse::MustExist,
       Export});
}

}  // namespace sb::cli
