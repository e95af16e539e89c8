#pragma once
/// The use cases of SchoolBuild: the one layer the window and the command line call to
/// change anything. A Session is the open database, the acting user and role, and one
/// analysis of the data (summaries, ledger positions, gaps, findings) computed once per
/// change. Every user action is one function in actions.h that does, in one
/// transaction: permission → validation by core → repository writes.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/gaps.h"
#include "core/ledger.h"
#include "core/portfolio.h"
#include "core/rules.h"
#include "core/validate.h"
#include "storage/changes.h"
#include "storage/database.h"

namespace sb::app {

/// The sections of a bureau (DOMAIN.md) and what each may change.
enum class Role {
  Admin,    ///< settings and users; everything (the single-PC default)
  Infra,    ///< 基建股: projects, budget lines, procedures, progress
  Finance,  ///< 计财股: sources, allocations, receipts, contracts, payments, month closing
  Reader,   ///< 局领导: read only
};
/// "admin" / "infra" / "finance" / "reader".
std::string_view RoleName(Role role);
/// "管理员" / "基建股" / "计财股" / "只读（领导）".
std::string_view RoleLabel(Role role);
std::optional<Role> ParseRole(std::string_view text);

/// What an action changes, for the permission check.
enum class Area { Projects, Funds, Closing, Settings };

struct Actor {
  std::string user;       ///< recorded with closings (and the history to come)
  Role role = Role::Admin;
};
/// The operating-system user ($USER / $LOGNAME, else "未署名") as an administrator: on a
/// single-PC SQLite database whoever opens the file may change everything.
Actor LocalActor();
/// Who acts on `db` unless a caller says otherwise: on a server, its user, in the role
/// the server grants (sb_admin, sb_finance, sb_infra, else reader); on a file, LocalActor().
Actor ActorFor(const storage::Database& db);

/// Everything the screens show that is computed from the whole database, once.
struct Analysis {
  Date asOf;
  /// storage::LoadAnalysisPortfolio: every table but the payments, which come summed
  /// (portfolio.paymentTotals; portfolio.payments is empty). A screen that lists payments
  /// reads them for what it shows (storage::PaymentsByProject).
  Portfolio portfolio;
  Ledger ledger;
  std::vector<ProjectSummary> summaries;  ///< portfolio order
  std::vector<ProjectGap> gaps;           ///< committed basis, portfolio order
  std::vector<Finding> findings;
  /// False for a Preview(): summaries, the funding tables and the gaps only — no ledger, no
  /// findings, none of the other tables.
  bool complete = true;
};

class Session {
 public:
  /// Owns the database. Without an actor: ActorFor(db).
  explicit Session(std::unique_ptr<storage::Database> db);
  Session(std::unique_ptr<storage::Database> db, Actor actor);
  /// Borrows a database that outlives the session (tests, the command line).
  explicit Session(storage::Database& db);
  Session(storage::Database& db, Actor actor);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  storage::Database& db() { return *db_; }
  const Actor& actor() const { return actor_; }

  /// "Today" for the date checks and the rules: the real date unless pinned (a test, a
  /// reprint, the command line's --as-of).
  Date today() const;
  void SetToday(std::optional<Date> today);

  /// May the actor change this area? Require() throws Error(Refused) naming the role
  /// that may ("只有计财股可以修改资金和拨付").
  bool May(Area area) const;
  void Require(Area area) const;

  /// The analysis as of today(), computed on first use after a change.
  const Analysis& analysis() { return *shared(); }
  /// The same, shared: a screen may keep showing it after a change made it stale, until
  /// it reloads.
  std::shared_ptr<const Analysis> shared();
  /// The analysis if one is computed and not stale, else nullptr: for a caller that needs
  /// only a little of it (names) and would rather read that than compute everything.
  std::shared_ptr<const Analysis> cached() const { return analysis_; }
  /// Marks the analysis stale (every action does this after it commits).
  void Invalidate() {
    analysis_.reset();
    ++generation_;
  }
  /// Counts the Invalidate()s: an analysis computed elsewhere since this value is current
  /// only while it has not changed.
  long generation() const { return generation_; }
  /// What a list can show before the analysis is ready, quick on a province: the projects'
  /// SQL summaries (storage::ProjectSummaries), the funding tables and the gaps.
  std::shared_ptr<const Analysis> Preview();
  /// Takes an analysis computed on another connection (AnalyseLocation on a thread) when
  /// nothing was invalidated since `generation` and it is as of today(); true if it is now
  /// the session's analysis.
  bool Adopt(std::shared_ptr<const Analysis> analysis, long generation);
  /// How many projects the database holds: whether a Preview() is worth showing first.
  size_t ProjectCount();
  /// Where a second connection opens the same data (a thread's): the file, or the
  /// server's location with the password the user gave (kept in memory only).
  std::string ReopenableLocation() const;

  /// The checks' limits (dates in the future) from the county settings.
  InputLimits Limits();

  /// Live updates (issue 11): what other users (windows, PCs, psql) committed since the
  /// last call, or nullopt. The first call starts watching and reports nothing. When
  /// something changed the analysis is marked stale.
  std::optional<storage::Changes> OthersChanged();

 private:
  std::unique_ptr<storage::Database> owned_;
  storage::Database* db_;
  Actor actor_;
  std::optional<Date> today_;
  std::shared_ptr<const Analysis> analysis_;
  long generation_ = 0;
  std::unique_ptr<storage::ChangeWatcher> watcher_;
};

/// The analysis of the file at `location` as of `asOf`, on a connection of its own: what
/// a thread computes while the window shows a Preview(). Throws Error like any open.
std::shared_ptr<const Analysis> AnalyseLocation(const std::string& location, Date asOf);

/// Computes an analysis of a portfolio already loaded.
std::unique_ptr<Analysis> Analyse(Portfolio portfolio, Date asOf);

}  // namespace sb::app
