#include "report/snapshot.h"

#include "core/error.h"
#include "core/json.h"

namespace sb::report {

namespace {

using json::Value;
using json::Writer;

void Put(Writer& w, const char* k, const std::string& s) { w.Key(k).String(s); }
void Put(Writer& w, const char* k, Money m) { w.Key(k).Int(m.fen()); }
void Put(Writer& w, const char* k, int64_t v) { w.Key(k).Int(v); }
void Put(Writer& w, const char* k, const std::optional<Date>& d) {
  if (d) w.Key(k).String(FormatDate(*d));
  else w.Key(k).Null();
}
void Put(Writer& w, const char* k, const std::optional<Percent>& p) {
  if (p) w.Key(k).Int(p->tenths());
  else w.Key(k).Null();
}
void Put(Writer& w, const char* k, const std::optional<Money>& m) {
  if (m) w.Key(k).Int(m->fen());
  else w.Key(k).Null();
}
template <class E> void PutEnum(Writer& w, const char* k, E e) { w.Key(k).String(std::string(Name(e))); }
void Put(Writer& w, const char* k, const Ratio& r) {
  w.Key(k).BeginObject();
  Put(w, "num", r.numerator);
  Put(w, "den", r.denominator);
  w.EndObject();
}
template <size_t N> void PutAmounts(Writer& w, const char* k, const std::array<Money, N>& a) {
  w.Key(k).BeginArray();
  for (Money m : a) w.Int(m.fen());
  w.EndArray();
}

std::string Str(const Value& o, const char* k) { return o[k].AsString(); }
Money Fen(const Value& o, const char* k) { return Money::FromFen(o[k].AsInt()); }
int64_t Int(const Value& o, const char* k) { return o[k].AsInt(); }
std::optional<Date> OptDate(const Value& o, const char* k) {
  const Value& v = o[k];
  if (v.IsNull()) return std::nullopt;
  return ParseDate(v.AsString());
}
std::optional<Percent> OptPercent(const Value& o, const char* k) {
  const Value& v = o[k];
  if (v.IsNull()) return std::nullopt;
  return Percent::FromTenths(v.AsInt());
}
std::optional<Money> OptMoney(const Value& o, const char* k) {
  const Value& v = o[k];
  if (v.IsNull()) return std::nullopt;
  return Money::FromFen(v.AsInt());
}
template <class E> E GetEnum(const Value& o, const char* k) { return ParseEnum<E>(o[k].AsString()); }
Ratio GetRatio(const Value& o, const char* k) { return {Int(o[k], "num"), Int(o[k], "den")}; }
template <size_t N> std::array<Money, N> GetAmounts(const Value& o, const char* k) {
  const auto& a = o[k].AsArray();
  if (a.size() != N) Fail(ErrorCode::Database, std::string("定稿快照已损坏：") + k + " 的项数不对");
  std::array<Money, N> out;
  for (size_t i = 0; i < N; ++i) out[i] = Money::FromFen(a[i].AsInt());
  return out;
}

void PutCountAmounts(Writer& w, const char* k, const std::vector<CountAmount>& v) {
  w.Key(k).BeginArray();
  for (const auto& c : v) {
    w.BeginObject();
    Put(w, "label", c.label);
    Put(w, "projects", c.projects);
    Put(w, "budget", c.budget);
    Put(w, "committed", c.committed);
    Put(w, "invested", c.invested);
    Put(w, "month_invested", c.monthInvested);
    w.EndObject();
  }
  w.EndArray();
}

std::vector<CountAmount> GetCountAmounts(const Value& o, const char* k) {
  std::vector<CountAmount> out;
  for (const auto& c : o[k].AsArray())
    out.push_back({Str(c, "label"), static_cast<int>(Int(c, "projects")), Fen(c, "budget"),
                   Fen(c, "committed"), Fen(c, "invested"), Fen(c, "month_invested")});
  return out;
}

}  // namespace

std::string SnapshotToJson(const ReportModel& m) {
  Writer w;
  w.BeginObject();
  Put(w, "format", ReportModel::kFormatVersion);
  const ReportHeader& h = m.header;
  w.Key("header").BeginObject();
  Put(w, "county", h.county);
  Put(w, "bureau", h.bureau);
  Put(w, "preparer", h.preparer);
  Put(w, "reviewer", h.reviewer);
  Put(w, "approver", h.approver);
  Put(w, "month", h.month.Format());
  Put(w, "report_date", FormatDate(h.reportDate));
  Put(w, "evaluation_date", FormatDate(h.evaluationDate));
  if (h.baselineMonth) Put(w, "baseline_month", h.baselineMonth->Format());
  else w.Key("baseline_month").Null();
  // Only a report of every project is closed; a scope is stored all the same, so that a
  // snapshot says what it holds.
  if (h.scope.year) Put(w, "scope_year", static_cast<int64_t>(*h.scope.year));
  if (h.scope.programme) Put(w, "scope_programme", *h.scope.programme);
  if (h.scope.county) Put(w, "scope_county", *h.scope.county);
  w.EndObject();

  w.Key("rows").BeginArray();
  for (const auto& r : m.rows) {
    w.BeginObject();
    Put(w, "code", r.code);
    Put(w, "name", r.name);
    Put(w, "school", r.school);
    Put(w, "township", r.township);
    Put(w, "programme", r.programme);
    Put(w, "county_code", r.countyCode);
    Put(w, "county_name", r.countyName);
    PutEnum(w, "stage", r.stage);
    PutEnum(w, "category", r.category);
    PutEnum(w, "nature", r.nature);
    PutEnum(w, "status", r.status);
    Put(w, "floor_area_centi", r.floorArea.centi());
    Put(w, "main_source", r.mainSource);
    Put(w, "budget", r.budget);
    PutAmounts(w, "committed_by_level", r.committedByLevel);
    Put(w, "committed", r.committed);
    Put(w, "received", r.received);
    Put(w, "paid", r.paid);
    Put(w, "gap", r.gap);
    Put(w, "month_invested", r.monthInvested);
    Put(w, "invested", r.invested);
    Put(w, "annual_plan", r.annualPlan);
    Put(w, "ytd_invested", r.ytdInvested);
    Put(w, "percent", r.percent);
    Put(w, "schedule_percent", r.schedulePercent);
    Put(w, "procedures_done", r.proceduresDone);
    Put(w, "procedures_required", r.proceduresRequired);
    Put(w, "planned_start", r.plannedStart);
    Put(w, "actual_start", r.actualStart);
    Put(w, "planned_finish", r.plannedFinish);
    Put(w, "actual_finish", r.actualFinish);
    Put(w, "problems", r.problems);
    Put(w, "next_steps", r.nextSteps);
    w.EndObject();
  }
  w.EndArray();

  w.Key("kpis").BeginObject();
  Put(w, "start_rate", m.kpis.startRate);
  Put(w, "investment_rate", m.kpis.investmentRate);
  Put(w, "funding_rate", m.kpis.fundsReceivedRate);
  Put(w, "on_time_rate", m.kpis.onTimeRate);
  Put(w, "year", static_cast<int64_t>(m.kpis.year));
  Put(w, "months_elapsed", static_cast<int64_t>(m.kpis.monthsElapsed));
  w.EndObject();
  PutCountAmounts(w, "by_category", m.byCategory);
  PutCountAmounts(w, "by_stage", m.byStage);

  w.Key("sources").BeginArray();
  for (const auto& s : m.sources) {
    w.BeginObject();
    Put(w, "code", s.code);
    Put(w, "name", s.name);
    Put(w, "kind", s.kind);
    PutEnum(w, "level", s.level);
    Put(w, "committed", s.committed);
    Put(w, "received", s.received);
    Put(w, "paid", s.paid);
    Put(w, "idle", s.idle);
    w.EndObject();
  }
  w.EndArray();

  w.Key("gap_categories").BeginArray();
  for (const auto& g : m.gapCategories) {
    w.BeginObject();
    PutEnum(w, "category", g.category);
    Put(w, "budget", g.budget);
    Put(w, "covered", g.covered);
    Put(w, "uncovered", g.uncovered);
    Put(w, "projects_with_gap", g.projectsWithGap);
    w.EndObject();
  }
  w.EndArray();

  w.Key("gap_projects").BeginArray();
  for (const auto& g : m.gapProjects) {
    w.BeginObject();
    Put(w, "code", g.code);
    Put(w, "name", g.name);
    PutAmounts(w, "uncovered", g.uncovered);
    Put(w, "total_uncovered", g.totalUncovered);
    w.EndObject();
  }
  w.EndArray();

  w.Key("warnings").BeginArray();
  for (const auto& x : m.warnings) {
    w.BeginObject();
    Put(w, "project_code", x.projectCode);
    Put(w, "project_name", x.projectName);
    Put(w, "code", x.code);
    Put(w, "title", x.title);
    Put(w, "severity", std::string(SeverityName(x.severity)));
    Put(w, "amount", x.amount);
    Put(w, "message", x.message);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.str();
}

ReportModel SnapshotFromJson(std::string_view text) {
  Value root = json::Parse(text);
  int64_t format = Int(root, "format");
  if (format > ReportModel::kFormatVersion)
    Fail(ErrorCode::NewerSchema, "定稿快照由较新版本的校建通保存（格式 " + std::to_string(format) +
                                     "），请升级程序后再打印");
  ReportModel m;
  try {
    const Value& h = root["header"];
    m.header.county = Str(h, "county");
    m.header.bureau = Str(h, "bureau");
    m.header.preparer = Str(h, "preparer");
    m.header.reviewer = Str(h, "reviewer");
    m.header.approver = Str(h, "approver");
    m.header.month = YearMonth::Parse(Str(h, "month"));
    m.header.reportDate = ParseDate(Str(h, "report_date"));
    m.header.evaluationDate = ParseDate(Str(h, "evaluation_date"));
    if (!h["baseline_month"].IsNull()) m.header.baselineMonth = YearMonth::Parse(Str(h, "baseline_month"));
    if (h.Find("scope_year")) m.header.scope.year = static_cast<int>(Int(h, "scope_year"));
    if (h.Find("scope_programme")) m.header.scope.programme = Str(h, "scope_programme");
    if (h.Find("scope_county")) m.header.scope.county = Str(h, "scope_county");

    for (const auto& o : root["rows"].AsArray()) {
      ReportRow r;
      r.code = Str(o, "code");
      r.name = Str(o, "name");
      r.school = Str(o, "school");
      r.township = Str(o, "township");
      if (o.Find("programme")) r.programme = Str(o, "programme");  // absent before schema 11
      if (o.Find("county_code")) r.countyCode = Str(o, "county_code");  // absent before schema 12
      if (o.Find("county_name")) r.countyName = Str(o, "county_name");
      r.stage = GetEnum<Stage>(o, "stage");
      r.category = GetEnum<BuildingCategory>(o, "category");
      r.nature = GetEnum<Nature>(o, "nature");
      r.status = GetEnum<ProjectStatus>(o, "status");
      r.floorArea = Area::FromCenti(Int(o, "floor_area_centi"));
      r.mainSource = Str(o, "main_source");
      r.budget = Fen(o, "budget");
      r.committedByLevel = GetAmounts<kLevelCount>(o, "committed_by_level");
      r.committed = Fen(o, "committed");
      r.received = Fen(o, "received");
      r.paid = Fen(o, "paid");
      r.gap = Fen(o, "gap");
      r.monthInvested = Fen(o, "month_invested");
      r.invested = Fen(o, "invested");
      // Snapshots from before the annual plan (issue 14) have neither.
      if (o.Find("annual_plan")) r.annualPlan = OptMoney(o, "annual_plan");
      if (o.Find("ytd_invested")) r.ytdInvested = Fen(o, "ytd_invested");
      r.percent = OptPercent(o, "percent");
      r.schedulePercent = OptPercent(o, "schedule_percent");
      r.proceduresDone = static_cast<int>(Int(o, "procedures_done"));
      r.proceduresRequired = static_cast<int>(Int(o, "procedures_required"));
      r.plannedStart = OptDate(o, "planned_start");
      r.actualStart = OptDate(o, "actual_start");
      r.plannedFinish = OptDate(o, "planned_finish");
      r.actualFinish = OptDate(o, "actual_finish");
      r.problems = Str(o, "problems");
      r.nextSteps = Str(o, "next_steps");
      m.rows.push_back(std::move(r));
    }

    const Value& k = root["kpis"];
    m.kpis.startRate = GetRatio(k, "start_rate");
    m.kpis.investmentRate = GetRatio(k, "investment_rate");
    m.kpis.fundsReceivedRate = GetRatio(k, "funding_rate");
    m.kpis.onTimeRate = GetRatio(k, "on_time_rate");
    if (k.Find("year")) m.kpis.year = static_cast<int>(Int(k, "year"));
    if (k.Find("months_elapsed")) m.kpis.monthsElapsed = static_cast<int>(Int(k, "months_elapsed"));
    m.byCategory = GetCountAmounts(root, "by_category");
    m.byStage = GetCountAmounts(root, "by_stage");

    for (const auto& o : root["sources"].AsArray())
      m.sources.push_back({Str(o, "code"), Str(o, "name"), Str(o, "kind"), GetEnum<SourceLevel>(o, "level"),
                           Fen(o, "committed"), Fen(o, "received"), Fen(o, "paid"),
                           o.Find("idle") ? Fen(o, "idle") : Money()});  // absent before issue 14
    for (const auto& o : root["gap_categories"].AsArray())
      m.gapCategories.push_back({GetEnum<CostCategory>(o, "category"), Fen(o, "budget"), Fen(o, "covered"),
                                 Fen(o, "uncovered"), static_cast<int>(Int(o, "projects_with_gap"))});
    for (const auto& o : root["gap_projects"].AsArray())
      m.gapProjects.push_back({Str(o, "code"), Str(o, "name"), GetAmounts<kCostCategoryCount>(o, "uncovered"),
                               Fen(o, "total_uncovered")});
    for (const auto& o : root["warnings"].AsArray()) {
      WarningLine w;
      w.projectCode = Str(o, "project_code");
      w.projectName = Str(o, "project_name");
      w.code = Str(o, "code");
      w.title = Str(o, "title");
      auto sev = ParseSeverity(Str(o, "severity"));
      if (!sev) Fail(ErrorCode::Database, "定稿快照已损坏：未知的预警级别");
      w.severity = *sev;
      w.amount = OptMoney(o, "amount");
      w.message = Str(o, "message");
      m.warnings.push_back(std::move(w));
    }
  } catch (const Error& e) {
    if (e.code() == ErrorCode::Database) throw;
    Fail(ErrorCode::Database, "定稿快照已损坏：" + e.detail());
  }
  return m;
}

}  // namespace sb::report
