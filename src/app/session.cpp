#include "app/session.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>

#include <cstdlib>

#include "core/error.h"
#include "core/translate.h"
#include "storage/repository.h"

namespace sb::app {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::Admin: return "admin";
    case Role::Infra: return "infra";
    case Role::Finance: return "finance";
    case Role::Reader: return "reader";
  }
  return "reader";
}

std::string_view RoleLabel(Role role) {
  switch (role) {
    // The canonical labels (the command line's --role takes them): Tr() where shown.
    // TRANSLATORS: the roles: the administrator, the infrastructure section (基建股), the
    // finance section (计财股), and the managers who only read (领导).
    case Role::Admin: return TrNoop("管理员");
    case Role::Infra: return TrNoop("基建股");
    case Role::Finance: return TrNoop("计财股");
    case Role::Reader: return TrNoop("只读（领导）");
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view text) {
  for (Role r : {Role::Admin, Role::Infra, Role::Finance, Role::Reader})
    if (text == RoleName(r) || text == RoleLabel(r)) return r;
  return std::nullopt;
}

Actor LocalActor() {
  Actor a;
  for (const char* v : {"USER", "LOGNAME"})
    if (const char* s = std::getenv(v); s && *s) {
      a.user = s;
      break;
    }
  if (a.user.empty())
    if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name && *pw->pw_name) a.user = pw->pw_name;
  if (a.user.empty()) a.user = "未署名";
  return a;
}

Actor ActorFor(const storage::Database& db) {
  if (!db.IsServer()) return LocalActor();
  Actor a;
  a.user = db.ServerUser();
  const auto& roles = db.ServerRoles();
  auto has = [&](const char* r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); };
  a.role = has("sb_admin") ? Role::Admin : has("sb_finance") ? Role::Finance : has("sb_infra") ? Role::Infra : Role::Reader;
  return a;
}

Session::Session(std::unique_ptr<storage::Database> db, Actor actor)
    : owned_(std::move(db)), db_(owned_.get()), actor_(std::move(actor)) {
  if (!db_) Fail(ErrorCode::FileMissing, Tr("没有打开数据库"));
}

Session::Session(std::unique_ptr<storage::Database> db) : owned_(std::move(db)), db_(owned_.get()) {
  if (!db_) Fail(ErrorCode::FileMissing, Tr("没有打开数据库"));
  actor_ = ActorFor(*db_);
}

Session::Session(storage::Database& db, Actor actor) : db_(&db), actor_(std::move(actor)) {}

Session::Session(storage::Database& db) : db_(&db), actor_(ActorFor(db)) {}

Session::~Session() = default;

std::optional<storage::Changes> Session::OthersChanged() {
  if (!watcher_) {
    try {
      watcher_ = std::make_unique<storage::ChangeWatcher>(*db_);
    } catch (const Error&) {
      // Without it the screens still work; F5 reloads by hand.
    }
    return std::nullopt;
  }
  auto changes = watcher_->Poll();
  if (changes) Invalidate();
  return changes;
}

Date Session::today() const { return today_ ? *today_ : Today(); }

void Session::SetToday(std::optional<Date> today) {
  today_ = today;
  Invalidate();
}

bool Session::May(Area area) const {
  switch (actor_.role) {
    case Role::Admin: return true;
    case Role::Infra: return area == Area::Projects;
    case Role::Finance: return area == Area::Funds || area == Area::Closing;
    case Role::Reader: return false;
  }
  return false;
}

void Session::Require(Area area) const {
  if (May(area)) return;
  const char* who = "";
  const char* what = "";
  switch (area) {
    case Area::Projects: who = TrNoop("基建股"); what = TrNoop("项目、概算、前期手续和进度"); break;
    case Area::Funds: who = TrNoop("计财股"); what = TrNoop("资金来源、下达、到位、合同和拨付"); break;
    case Area::Closing: who = TrNoop("计财股"); what = TrNoop("月报定稿"); break;
    case Area::Settings: who = TrNoop("管理员"); what = TrNoop("县设置"); break;
  }
  // TRANSLATORS: the user, their role, what they may not change, then the role that may.
  Fail(ErrorCode::Refused, Tr("用户“%s”（%s）不能修改%s：只有%s（或管理员）可以", actor_.user.c_str(),
                              Tr(std::string(RoleLabel(actor_.role)).c_str()).c_str(), Tr(what).c_str(), Tr(who).c_str()));
}

std::unique_ptr<Analysis> Analyse(Portfolio portfolio, Date asOf) {
  auto a = std::make_unique<Analysis>();
  a->asOf = asOf;
  a->portfolio = std::move(portfolio);
  a->portfolio.Reindex();
  a->ledger = BuildLedger(a->portfolio);
  a->summaries = SummarizeProjects(a->portfolio, a->ledger);
  a->gaps = ComputeGaps(a->portfolio, GapBasis::Committed);
  a->findings = Evaluate(a->portfolio, a->ledger, a->gaps, asOf);
  return a;
}

std::shared_ptr<const Analysis> Session::shared() {
  if (!analysis_) analysis_ = Analyse(storage::LoadAnalysisPortfolio(*db_), today());
  return analysis_;
}

std::shared_ptr<const Analysis> Session::Preview() {
  if (analysis_) return analysis_;
  auto a = std::make_shared<Analysis>();
  a->asOf = today();
  a->complete = false;
  a->portfolio = storage::LoadFundingPortfolio(*db_);
  a->summaries = storage::ProjectSummaries(*db_);
  a->gaps = ComputeGaps(a->portfolio, GapBasis::Committed);
  return a;
}

bool Session::Adopt(std::shared_ptr<const Analysis> analysis, long generation) {
  if (!analysis || !analysis->complete || generation != generation_ || analysis->asOf != today()) return false;
  if (!analysis_) analysis_ = std::move(analysis);
  return true;
}

size_t Session::ProjectCount() { return storage::ProjectCount(*db_); }

std::string Session::ReopenableLocation() const { return db_->ReopenLocation(); }

std::shared_ptr<const Analysis> AnalyseLocation(const std::string& location, Date asOf) {
  auto db = storage::Database::Open(location, storage::OpenMode::MustExist);
  return Analyse(storage::LoadAnalysisPortfolio(*db), asOf);
}

InputLimits Session::Limits() { return ReadInputLimits(storage::LoadSettings(*db_), today()); }

}  // namespace sb::app
