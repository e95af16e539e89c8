// init, demo, projects: the foundation commands.
#include <algorithm>
#include <filesystem>
#include <map>

#include "cli/commands.h"
#include "core/error.h"
#include "app/actions.h"
#include "app/session.h"
#include "storage/repository.h"

namespace sb::cli {

namespace {

// On a server, whether the database already has SchoolBuild's tables (init and demo
// build them only in an empty database).
bool ServerDatabaseReady(const std::string& location) {
  try {
    storage::Database::Open(location, storage::OpenMode::MustExist);
    return true;
  } catch (const Error& e) {
    if (e.code() == ErrorCode::FileMissing) return false;  // an empty database: not built yet
    throw;
  }
}

int Init(Invocation& inv) {
  std::error_code ec;
  const bool server = storage::Database::IsServerLocation(inv.dbPath);
  if (server ? ServerDatabaseReady(inv.dbPath)
             : std::filesystem::exists(std::filesystem::symlink_status(inv.dbPath, ec)))
    Fail(ErrorCode::Refused, (server ? "服务器上的数据库已经建立：" : "数据库文件已存在：") + inv.dbPath +
                                 "（init 只新建，不会覆盖）");
  const bool code = inv.args.Has("county-code"), name = inv.args.Has("county-name");
  if (code != name) {
    inv.err << "错误：--county-code 和 --county-name 要一起给出，如 init --county-code 422822 --county-name 建始县\n";
    return kExitUsage;
  }
  if (code) {
    County county{inv.args.Get("county-code"), inv.args.Get("county-name"), 0};
    Check(county);  // before anything is made
    auto setCounty = [&](storage::Database& db) {
      app::Session session(db);
      app::SetCounty(session, county.code, county.name);
    };
    if (server) {
      app::CreateDatabase(inv.dbPath, false);
      setCounty(*storage::Database::Open(inv.dbPath, storage::OpenMode::MustExist));
    } else {
      app::CreateDatabaseFile(inv.dbPath, setCounty);
    }
  } else {
    app::CreateDatabase(inv.dbPath, false);
  }
  auto db = storage::Database::Open(inv.dbPath, storage::OpenMode::MustExist);
  inv.out << "已新建空数据库：" << db->path() << "（结构版本 " << db->SchemaVersion() << "）";
  for (const auto& c : storage::Counties(*db))
    inv.out << "，县（区）" << c.code << " " << c.name
            << (c.code == kUnsetCountyCode ? "（行政区划代码未设置：schoolbuild-cli county set 代码 名称）" : "");
  inv.out << "\n";
  return kExitOk;
}

int CountyCommand(Invocation& inv) {
  const std::string& verb = inv.args.positional[0];
  if (verb == "list" && inv.args.positional.size() == 1) {
    const auto counties = storage::Counties(*inv.db);
    std::map<std::string, size_t> projects;
    for (const auto& s : storage::ProjectSummaries(*inv.db)) ++projects[s.project.countyCode];
    std::vector<Column> cols = {{"code", "行政区划代码"}, {"name", "县（区）"}, {"projects", "项目数", true}};
    std::vector<Row> rows;
    for (const auto& c : counties)
      rows.push_back({TextCell(c.code), TextCell(c.name), TextCell(std::to_string(projects[c.code]))});
    WriteTable(inv.out, inv.format(), cols, rows);
    return kExitOk;
  }
  if (verb == "set" && inv.args.positional.size() == 3) {
    const std::string& code = inv.args.positional[1];
    const std::string& name = inv.args.positional[2];
    app::SetCounty(*inv.session, code, name);
    inv.out << "县（区）" << code << " " << name << " 已保存\n";
    return kExitOk;
  }
  inv.err << "错误：用法 county list，或 county set 行政区划代码 名称（如 county set 422822 建始县）\n";
  return kExitUsage;
}

int Demo(Invocation& inv) {
  std::string county = inv.args.Has("county") ? inv.args.Get("county") : "芦溪";
  if (county.size() > 3 && county.ends_with("县")) county.resize(county.size() - std::string("县").size());
  auto counties = storage::DemoCounties();
  if (std::find(counties.begin(), counties.end(), county) == counties.end()) {
    inv.err << "错误：没有“" << county << "”的演示数据；--county 可选：";
    for (size_t i = 0; i < counties.size(); ++i) inv.err << (i ? "、" : "") << counties[i];
    inv.err << "\n用法：schoolbuild-cli demo [--county 芦溪|建始]\n";
    return kExitUsage;
  }
  std::error_code ec;
  // A new file is built whole beside the target; an existing database is filled in one
  // transaction (refused if it already holds projects or sources).
  const bool server = storage::Database::IsServerLocation(inv.dbPath);
  if (server ? !ServerDatabaseReady(inv.dbPath)
             : !std::filesystem::exists(std::filesystem::symlink_status(inv.dbPath, ec))) {
    app::CreateDatabase(inv.dbPath, true, county);
  } else {
    auto db = storage::Database::Open(inv.dbPath, storage::OpenMode::MustExist);
    app::Session session(*db);
    app::LoadDemo(session, county);
  }
  auto db = storage::Database::Open(inv.dbPath, storage::OpenMode::MustExist);
  auto list = storage::ProjectSummaries(*db);
  inv.out << "已装入演示县数据：" << list.size() << " 个项目，" << storage::FundingSources(*db).size()
          << " 笔资金来源 → " << inv.dbPath << "\n";
  return kExitOk;
}

int Projects(Invocation& inv) {
  Format format = inv.format();
  std::vector<Column> cols = {
      {"code", "项目编号"},       {"name", "项目名称"},
      {"school", "建设单位"},     {"township", "乡镇"},
      {"stage", "学段"},          {"status", "状态"},
      {"budget", "概算(万元)", true},   {"committed", "已下达(万元)", true},
      {"received", "已到位(万元)", true}, {"paid", "已拨付(万元)", true},
      {"percent", "形象进度(%)", true}};
  const std::string county = inv.args.Has("county") ? inv.args.Get("county") : "";
  const auto counties = storage::Counties(*inv.db);
  if (!county.empty() && std::none_of(counties.begin(), counties.end(), [&](auto& c) { return c.code == county; }))
    Fail(ErrorCode::InvalidInput, "--county " + county + "：本数据库没有这个行政区划代码的县（区）（schoolbuild-cli county list 列出全部）");
  // The county column only where there is more than one county to tell apart.
  if (counties.size() > 1) cols.insert(cols.begin() + 1, {"county", "县（区）"});
  std::vector<Row> rows;
  for (const auto& s : storage::ProjectSummaries(*inv.db)) {
    const Project& p = s.project;
    if (!county.empty() && p.countyCode != county) continue;
    rows.push_back({TextCell(p.code), TextCell(p.name), TextCell(p.school), TextCell(p.township),
                    TextCell(std::string(Name(p.stage))), TextCell(std::string(Name(p.status))),
                    MoneyCell(s.budget), MoneyCell(s.committed), MoneyCell(s.received),
                    MoneyCell(s.paid), PercentCell(s.percent)});
    if (counties.size() > 1) rows.back().insert(rows.back().begin() + 1, TextCell(p.countyCode));
  }
  WriteTable(inv.out, format, cols, rows);
  if (format == Format::Table) inv.out << "共 " << rows.size() << " 个项目\n";
  return kExitOk;
}

}  // namespace

void AddBasicCommands(std::vector<Command>& commands) {
  commands.push_back({"init", "新建一个空数据库（含默认手续模板和资金类型）",
                      "init [--county-code 行政区划代码 --county-name 县名]",
                      "在 --db 指定的位置新建数据库；文件已存在时拒绝，不会覆盖。--county-code 和 --county-name "
                      "给出本县的行政区划代码（6位数字）和名称（也是月报标题中的县名）；不给时县（区）为 000000 XX县，"
                      "之后可用 county set 代码 名称 改正。",
                      {{"county-code", true, "本县的行政区划代码，6位数字，如 422822"},
                       {"county-name", true, "本县名称，如 建始县"}},
                      0, 0, DbUse::None, Init});
  commands.push_back({"county", "县（区）：列出，或设置行政区划代码和名称", "county list [--format table|csv|json] | county set 行政区划代码 名称",
                      "一个数据库可以有多个县（区）（市、省的服务器）：每个项目和资金来源属于其中一个。"
                      "county set：数据库已有这个代码时改名；唯一的县（区）是未设置的 000000 时把它改为这个代码（其全部项目和资金来源"
                      "随之改过去，新建或升级来的数据库就这样改正）；否则添加一个县（区）。county list 列出每个县（区）及其项目数。",
                      {FormatOption()}, 1, 3, DbUse::MustExist, CountyCommand});
  commands.push_back({"demo", "装入演示县数据（芦溪县 19 个真实项目，或建始县 2019 年的 32 个项目）",
                      "demo [--county 芦溪|建始]",
                      "数据库不存在时先新建（在同一文件夹的临时文件里建好后再改名，失败不留文件）；已有项目或资金来源时拒绝。"
                      "--county 建始 装入建始县 2019 年的项目（18 个寄宿制学校项目 1798 万元、11 个非义务教育项目"
                      " 2269 万元、36 套教师周转宿舍 262 万元、东西部协作资金 527 万元），其 2019-12 月报显示这些数字。",
                      {{"county", true, "演示县：芦溪（默认）或建始"}}, 0, 0, DbUse::None, Demo});
  commands.push_back({"projects", "列出全部项目及其资金合计和形象进度",
                      "projects [--format table|csv|json] [--county 行政区划代码]",
                      "csv/json 列：code,name,school,township,stage,status,budget,committed,"
                      "received,paid,percent；金额单位元，两位小数。数据库有多个县（区）时第二列为 county"
                      "（行政区划代码）；--county 只列这个县（区）的项目。",
                      {FormatOption(), {"county", true, "只列这个县（区）的项目（行政区划代码）"}}, 0, 0,
                      DbUse::MustExist, Projects});
}

}  // namespace sb::cli
