#pragma once
// A county database for the report tests and the report benchmark: the demo county plus
// `extra` generated projects with budgets, commitments, receipts, payments (some dated
// after the report month, which must not count), progress and long names and problems
// that have to wrap.
#include <filesystem>
#include <string>
#include <vector>
#include <unistd.h>

#include "storage/database.h"
#include "storage/repository.h"

namespace sb::test {

/// A database file in the temp folder, removed (with its -wal/-shm) when the program ends.
inline std::string FreshPath(const std::string& name) {
  struct Cleanup {
    std::vector<std::string> paths;
    ~Cleanup() {
      std::error_code ec;
      for (const auto& p : paths)
        for (auto ext : {"", "-wal", "-shm"}) std::filesystem::remove(p + ext, ec);
    }
  };
  static Cleanup cleanup;
  std::filesystem::path p =
      std::filesystem::temp_directory_path() / ("sb_report_" + name + "_" + std::to_string(getpid()) + ".db");
  for (auto ext : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + ext);
  cleanup.paths.push_back(p.string());
  return p.string();
}

inline void AddGeneratedProjects(storage::Database& db, int extra) {
  using namespace storage;
  const char* townships[] = {"芦溪镇", "南坑镇", "上埠镇", "宣风镇", "银河镇", "新泉乡", "源南乡", "长丰乡",
                             "张佳坊乡", "麻田乡"};
  const char* names[] = {"村级小学教学楼新建工程", "中心小学学生宿舍及食堂建设（含消防、供水改造和附属设施）",
                         "幼儿园改扩建", "中学运动场扩建工程", "教师周转宿舍建设项目"};
  const char* problems[] = {"", "征地拆迁资金缺口大，部分地块尚未交付，影响主体施工进度",
                            "施工单位资金困难，现场停滞", "", "设计变更待审批"};
  auto sources = FundingSources(db);
  auto source = [&](const char* code) {
    for (const auto& s : sources)
      if (s.code == code) return s.id;
    return sources.front().id;
  };
  Id loan = source("ZJ2025-01"), central = source("ZJ2025-02"), county = source("ZJ2025-07"),
     bond = source("ZJ2026-01");
  auto tmpl = ProcedureTemplate(db);
  WriteTransaction tx(db);
  for (int i = 1; i <= extra; ++i) {
    Project p;
    char code[32];
    std::snprintf(code, sizeof code, "GEN-%04d", i);
    p.code = code;
    p.township = townships[i % 10];
    p.name = std::string(p.township) + "第" + std::to_string(i) + "号" + names[i % 5];
    p.school = std::string(p.township) + "第" + std::to_string(i % 7 + 1) + "小学";
    p.stage = EnumAt<Stage>(static_cast<size_t>(i % 6));
    p.category = EnumAt<BuildingCategory>(static_cast<size_t>(i % 13));
    p.nature = EnumAt<Nature>(static_cast<size_t>(i % 4));
    p.floorArea = Area::FromCenti(120000 + i * 3137);
    p.plannedStart = Date(2025, static_cast<unsigned short>(i % 12 + 1), 1);
    p.plannedFinish = Date(2026, static_cast<unsigned short>(i % 12 + 1), 28);
    if (i % 5 != 0) p.actualStart = Date(2025, static_cast<unsigned short>(i % 12 + 1), 15);
    if (i % 9 == 0 && p.actualStart) p.actualFinish = Date(2026, static_cast<unsigned short>(i % 10 + 1), 20);
    p.status = p.actualFinish ? ProjectStatus::Finished
                              : (p.actualStart ? ProjectStatus::UnderConstruction : ProjectStatus::Preparation);
    InsertProject(db, p);

    Money construction = Money::FromFen(100000000LL + i * 12345678LL);  // ≥ 100万元, odd fen
    BudgetLine b{0, p.id, CostCategory::Construction, construction, 0};
    SaveBudgetLine(db, b);
    if (i % 3 == 0) {
      BudgetLine land{0, p.id, CostCategory::Land, Money::FromFen(20000000LL + i * 777LL), 0};
      SaveBudgetLine(db, land);
    }
    auto alloc = [&](Id src, Money m, Date d) {
      Allocation a;
      a.projectId = p.id;
      a.sourceId = src;
      a.amount = m;
      a.date = d;
      InsertAllocation(db, a);
    };
    alloc(i % 2 ? central : bond, construction.MulDiv(6, 10), Date(2025, 6, 1));
    alloc(i % 4 ? county : loan, construction.MulDiv(3, 10), Date(2026, 3, 10));
    alloc(loan, Money::FromFen(1234567), Date(2026, 12, 5));  // after the report month
    Receipt r;
    r.projectId = p.id;
    r.sourceId = i % 2 ? central : bond;
    r.amount = construction.MulDiv(5, 10);
    r.date = Date(2025, 7, 1);
    InsertReceipt(db, r);
    Payment pay;
    pay.projectId = p.id;
    pay.sourceId = r.sourceId;
    pay.amount = construction.MulDiv(3, 10);
    pay.date = Date(2026, 10, 31);
    pay.kind = PaymentKind::Progress;
    pay.voucher = std::string("记-G-") + code;
    InsertPayment(db, pay);
    Payment later = pay;
    later.id = 0;
    later.amount = Money::FromFen(99999);
    later.date = Date(2026, 11, 1);  // the next month
    later.voucher += "-11";
    InsertPayment(db, later);
    for (int m = 8; m <= 11; ++m) {
      ProgressEntry e;
      e.projectId = p.id;
      e.month = YearMonth(2026, m);
      e.percent = Percent::FromTenths(std::min(1000, 300 + i % 50 * 10 + (m - 8) * 50));
      e.invested = construction.MulDiv(e.percent.tenths(), 1000);
      e.description = "主体施工";
      e.problems = problems[(i + m) % 5];
      e.nextSteps = "按计划推进";
      SaveProgress(db, e);
    }
    if (i % 3 == 0)
      for (const auto& t : tmpl) {
        if (!t.requiredBeforeStart) continue;
        ProcedureStep s;
        s.projectId = p.id;
        s.templateId = t.id;
        s.status = StepStatus::Done;
        s.doneDate = Date(2025, 1, 10);
        SaveProcedureStep(db, s);
      }
  }
  tx.Commit();
}

/// The demo county plus `extra` generated projects, in a fresh file.
inline std::string MakeCountyDb(const std::string& name, int extra) {
  std::string path = FreshPath(name);
  auto db = storage::Database::Open(path, storage::OpenMode::Create);
  storage::LoadDemo(*db);
  if (extra > 0) AddGeneratedProjects(*db, extra);
  return path;
}

}  // namespace sb::test
