#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <unordered_map>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/translate.h"
#include "exchange/csv.h"
#include "exchange/exchange.h"
#include "exchange/export_rows.h"
#include "storage/exchange_repository.h"
#include "storage/repository.h"

namespace sb::exchange {

namespace fs = std::filesystem;

namespace {

using Fields = std::vector<std::string>;

std::string Amount(Money m, MoneyUnit unit) {
  return unit == MoneyUnit::Wan ? m.FormatWanExact() : m.FormatYuanPlain();
}

// Codes by id, for the references a file writes as codes.
struct Codes {
  std::unordered_map<Id, std::string> project, source, contract, templ, voucher;
  std::unordered_map<Id, int> templOrder;
  explicit Codes(const Portfolio& pf) {
    for (const auto& p : pf.projects) project[p.id] = p.code;
    for (const auto& s : pf.sources) source[s.id] = s.code;
    for (const auto& c : pf.contracts) contract[c.id] = c.code;
    for (const auto& t : pf.procedureTemplate) templ[t.id] = t.name, templOrder[t.id] = t.order;
    for (const auto& p : pf.payments) voucher[p.id] = p.voucher;
  }
  static const std::string& Of(const std::unordered_map<Id, std::string>& m, Id id) {
    static const std::string none;
    auto it = m.find(id);
    return it == m.end() ? none : it->second;
  }
};

// The cells of one row of the tables that the export reads row by row.
template <class T> Fields MoneyRowFields(const T& a, const Codes& codes, MoneyUnit unit) {
  return {Codes::Of(codes.project, a.projectId), Codes::Of(codes.source, a.sourceId), Amount(a.amount, unit),
          FormatDate(a.date), a.note};
}

Fields PaymentFields(const Payment& p, const Codes& codes, const std::string& reverses, MoneyUnit unit) {
  return {Codes::Of(codes.project, p.projectId), p.contractId ? Codes::Of(codes.contract, *p.contractId) : "",
          Codes::Of(codes.source, p.sourceId), std::string(Name(p.category)), FormatDate(p.date),
          Amount(p.amount, unit), std::string(Name(p.kind)), p.voucher, p.payee, reverses, p.note};
}

// Each row of `table` in the file's order, passed to `emit` as soon as it is formatted.
template <class Emit> void Rows(const Portfolio& pf, const Codes& codes, Table table, MoneyUnit unit, Emit&& emit) {
  auto P = [&](Id id) { return Codes::Of(codes.project, id); };
  switch (table) {
    case Table::Counties:
      for (const auto& c : pf.counties) emit({c.code, c.name});
      break;
    case Table::Projects:
      for (const auto& p : pf.projects)
        emit({p.code, p.name, p.school, p.township, std::string(Name(p.stage)),
              std::string(Name(p.category)), std::string(Name(p.nature)),
              p.floorArea.Format(), FormatDate(p.plannedStart), FormatDate(p.plannedFinish),
              FormatDate(p.actualStart), FormatDate(p.actualFinish),
              std::string(Name(p.status)), p.programme, p.note, p.countyCode});
      break;
    case Table::Budget: {
      std::vector<const BudgetLine*> lines;
      for (const auto& b : pf.budgetLines) lines.push_back(&b);
      std::stable_sort(lines.begin(), lines.end(), [&](auto* a, auto* b) {
        const std::string &pa = P(a->projectId), &pb = P(b->projectId);
        return pa != pb ? pa < pb : a->category < b->category;
      });
      for (const auto* b : lines) emit({P(b->projectId), std::string(Name(b->category)), Amount(b->amount, unit)});
      break;
    }
    case Table::Sources:
      for (const auto& s : pf.sources)
        emit({s.code, s.name, s.kind, std::to_string(s.year), Amount(s.amount, unit), s.docNo, s.eligible.Format(),
              s.note, s.countyCode});
      break;
    case Table::Allocations:
      for (const auto& a : pf.allocations) emit(MoneyRowFields(a, codes, unit));
      break;
    case Table::Receipts:
      for (const auto& r : pf.receipts) emit(MoneyRowFields(r, codes, unit));
      break;
    case Table::Procedures: {
      std::vector<const ProcedureStep*> steps;
      for (const auto& s : pf.procedureSteps) steps.push_back(&s);
      auto order = [&](Id id) {
        auto it = codes.templOrder.find(id);
        return it == codes.templOrder.end() ? 0 : it->second;
      };
      std::stable_sort(steps.begin(), steps.end(), [&](auto* a, auto* b) {
        const std::string &pa = P(a->projectId), &pb = P(b->projectId);
        return pa != pb ? pa < pb : order(a->templateId) < order(b->templateId);
      });
      for (const auto* s : steps)
        emit({P(s->projectId), Codes::Of(codes.templ, s->templateId), std::string(Name(s->status)),
              FormatDate(s->plannedDate), FormatDate(s->doneDate), s->docNo,
              s->extensions ? std::to_string(s->extensions) : "", s->note});
      break;
    }
    case Table::Progress: {
      std::vector<const ProgressEntry*> entries;
      for (const auto& e : pf.progress) entries.push_back(&e);
      std::stable_sort(entries.begin(), entries.end(), [&](auto* a, auto* b) {
        const std::string &pa = P(a->projectId), &pb = P(b->projectId);
        return pa != pb ? pa < pb : a->month < b->month;
      });
      for (const auto* e : entries)
        emit({P(e->projectId), e->month.Format(), e->percent.Format(), Amount(e->invested, unit), e->description,
              e->problems, e->nextSteps});
      break;
    }
    case Table::Contracts:
      for (const auto& c : pf.contracts)
        emit({c.code, P(c.projectId), std::string(Name(c.kind)), c.counterparty,
              Amount(c.amount, unit), FormatDate(c.signedDate), c.advanceRate.Format(),
              // Empty: the contract states no retention (the county default applies).
              c.retentionRate ? c.retentionRate->Format() : "",
              c.procurement ? std::string(Name(*c.procurement)) : "", c.awardNo,
              c.advanceRecoverFrom ? c.advanceRecoverFrom->Format() : "",
              c.advanceRecoverTo ? c.advanceRecoverTo->Format() : "", c.note});
      break;
    case Table::Payments:
      for (const auto& p : pf.payments)
        emit(PaymentFields(p, codes, p.reversesId ? Codes::Of(codes.voucher, *p.reversesId) : "", unit));
      break;
    case Table::Plans: {
      std::vector<const AnnualPlan*> plans;
      for (const auto& a : pf.plans) plans.push_back(&a);
      std::stable_sort(plans.begin(), plans.end(), [&](auto* a, auto* b) {
        const std::string &pa = P(a->projectId), &pb = P(b->projectId);
        return pa != pb ? pa < pb : a->year < b->year;
      });
      for (const auto* a : plans) emit({P(a->projectId), std::to_string(a->year), Amount(a->amount, unit), a->note});
      break;
    }
    case Table::ContractProgress: {
      std::vector<const ContractProgress*> entries;
      for (const auto& e : pf.contractProgress) entries.push_back(&e);
      auto C = [&](Id id) { return Codes::Of(codes.contract, id); };
      std::stable_sort(entries.begin(), entries.end(), [&](auto* a, auto* b) {
        const std::string &ca = C(a->contractId), &cb = C(b->contractId);
        return ca != cb ? ca < cb : a->month < b->month;
      });
      for (const auto* e : entries) emit({C(e->contractId), e->month.Format(), e->percent.Format(), e->note});
      break;
    }
  }
}

std::vector<Fields> Rows(const Portfolio& pf, Table table, MoneyUnit unit) {
  Codes codes(pf);
  std::vector<Fields> rows;
  Rows(pf, codes, table, unit, [&](Fields row) { rows.push_back(std::move(row)); });
  return rows;
}

std::string Header(Table table, MoneyUnit unit) {
  std::string out;
  Fields names;
  for (const auto& c : Spec(table).columns) names.push_back(CanonicalHeader(c, unit));
  AppendCsvRecord(out, names);
  return out;
}

// A record with its text cells guarded against formula injection (csv.h GuardFormula).
void AppendRow(std::string& out, Table table, Fields row) {
  const auto& columns = Spec(table).columns;
  for (size_t i = 0; i < row.size() && i < columns.size(); ++i)
    if (IsTextColumn(columns[i])) row[i] = GuardFormula(std::move(row[i]));
  AppendCsvRecord(out, row);
}

}  // namespace

// The codes (projects, sources, contracts, the template) are read once; each table then
// in turn: the three long ones (allocations, receipts, payments) row by row with a cursor,
// the others whole but one at a time, to be sorted as ExportTableRows sorts them.
struct ExportReader::Impl {
  storage::Database& db;
  Portfolio read;  // the code tables, and the one other table being exported
  std::unique_ptr<Codes> codes;
};

ExportReader::ExportReader(storage::Database& db) : impl_(std::make_unique<Impl>(Impl{db, {}, nullptr})) {
  Portfolio& pf = impl_->read;
  pf.counties = storage::Counties(db);
  pf.projects = storage::AllProjects(db);
  pf.sources = storage::FundingSources(db);
  pf.contracts = storage::AllContracts(db);
  pf.procedureTemplate = storage::ProcedureTemplate(db);
  impl_->codes = std::make_unique<Codes>(pf);
}

ExportReader::~ExportReader() = default;

void ExportReader::Rows(Table table, MoneyUnit unit, const RowFn& row) {
  storage::Database& db = impl_->db;
  Portfolio& pf = impl_->read;
  const Codes& codes = *impl_->codes;
  switch (table) {
    case Table::Allocations:
      storage::EachAllocation(db, [&](const Allocation& a) { row(MoneyRowFields(a, codes, unit)); });
      return;
    case Table::Receipts:
      storage::EachReceipt(db, [&](const Receipt& r) { row(MoneyRowFields(r, codes, unit)); });
      return;
    case Table::Payments:
      storage::EachPayment(db, [&](const Payment& p, const std::string& reverses) {
        row(PaymentFields(p, codes, reverses, unit));
      });
      return;
    case Table::Budget: pf.budgetLines = storage::AllBudgetLines(db); break;
    case Table::Procedures: pf.procedureSteps = storage::AllProcedureSteps(db); break;
    case Table::Progress: pf.progress = storage::AllProgress(db); break;
    case Table::Plans: pf.plans = storage::AllAnnualPlans(db); break;
    case Table::ContractProgress: pf.contractProgress = storage::AllContractProgress(db); break;
    case Table::Counties: case Table::Projects: case Table::Sources: case Table::Contracts: break;
  }
  exchange::Rows(pf, codes, table, unit, [&](Fields r) { row(std::move(r)); });
  pf.budgetLines = {};
  pf.procedureSteps = {};
  pf.progress = {};
  pf.plans = {};
  pf.contractProgress = {};
}

std::vector<std::vector<std::string>> ExportTableRows(const Portfolio& pf, Table table, MoneyUnit unit) {
  return Rows(pf, table, unit);
}

std::string ExportTableText(const Portfolio& pf, Table table, MoneyUnit unit) {
  std::string out = "\xEF\xBB\xBF" + Header(table, unit);
  for (auto& r : Rows(pf, table, unit)) AppendRow(out, table, std::move(r));
  return out;
}

ExportResult Export(storage::Database& db, const std::string& dir, const ExportOptions& options) {
  ExportResult result;
  ExportReader reader(db);
  size_t total = storage::ExportRowCount(db);
  size_t done = 0;
  if (options.progress && !options.progress(0, total)) {
    result.cancelled = true;
    return result;
  }
  // Every file is built in memory first (the rows are not: each is appended as it is
  // read), so a cancel leaves no half-written folder.
  std::vector<std::pair<Table, std::string>> texts;
  std::vector<size_t> counts;
  for (Table t : kTablesInOrder) {
    std::string text = "\xEF\xBB\xBF" + Header(t, options.unit);
    size_t rows = 0;
    reader.Rows(t, options.unit, [&](Fields&& row) {
      AppendRow(text, t, std::move(row));
      ++rows;
    });
    done += rows;
    counts.push_back(rows);
    texts.emplace_back(t, std::move(text));
    if (options.progress && !options.progress(done, total)) {
      result.cancelled = true;
      return result;
    }
  }

  std::error_code ec;
  fs::path target(dir);
  if (!target.has_filename()) target = target.parent_path();  // "out/" is the folder out
  if (fs::exists(target, ec) && !fs::is_directory(target, ec))
    Fail(ErrorCode::Io, Tr("“%s”是一个文件，不是文件夹", dir.c_str()));
  auto pathOf = [&](const fs::path& folder, size_t i) {
    return folder / std::string(Spec(texts[i].first).file);
  };
  if (!fs::exists(target, ec)) {
    // A new folder: the whole set is written into a temporary folder beside it and
    // renamed as a whole, so the folder appears complete or not at all.
    fs::path parent = target.parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (ec) Fail(ErrorCode::Io, Tr("无法创建文件夹 %s：%s", parent.string().c_str(), ec.message().c_str()));
    TemporaryPath temp(TemporaryNameBeside(target.string()));
    fs::create_directory(temp.path(), ec);
    if (ec) Fail(ErrorCode::Io, Tr("无法创建文件夹 %s：%s", dir.c_str(), ec.message().c_str()));
    try {
      for (size_t i = 0; i < texts.size(); ++i)
        WriteNewFile(pathOf(temp.path(), i).string(), texts[i].second, pathOf(target, i).string());
      SyncToDisk(temp.path());
      PublishReplacing(temp.path(), target.string());
    } catch (const Error& e) {
      // TRANSLATORS: why the export failed, then the folder it would have made.
      Fail(e.code(), Tr("%s；没有创建文件夹 %s", e.detail().c_str(), dir.c_str()));
    }
    temp.Keep();
  } else {
    // An existing folder (an earlier export, perhaps with the user's own files): every
    // file is written under a temporary name first, so a full disk leaves the old set
    // whole. Only then are they renamed, under a marker that the import refuses: a set
    // interrupted half-way through the renames never imports as a county.
    std::vector<std::unique_ptr<TemporaryPath>> temps;
    try {
      for (size_t i = 0; i < texts.size(); ++i) {
        std::string final = pathOf(target, i).string();
        temps.push_back(std::make_unique<TemporaryPath>(TemporaryNameBeside(final)));
        WriteNewFile(temps.back()->path(), texts[i].second, final);
      }
      const std::string marker = (target / std::string(kIncompleteExportMarker)).string();
      WriteFileAtomically(marker, "校建通正在写入这个文件夹的导出文件；此文件还在说明导出没有完成，"
                                  "其中的 CSV 可能新旧混杂，不能导入。请重新导出。\r\n");
      SyncToDisk(target.string());
      for (size_t i = 0; i < texts.size(); ++i) {
        PublishReplacing(temps[i]->path(), pathOf(target, i).string());
        temps[i]->Keep();
      }
      fs::remove(marker, ec);
      if (ec) Fail(ErrorCode::Io, Tr("无法删除 %s：%s", marker.c_str(), ec.message().c_str()));
      SyncToDisk(target.string());
    } catch (const Error& e) {
      // TRANSLATORS: why the export failed, then the folder whose earlier files stay as they were.
      Fail(e.code(), Tr("%s（文件夹 %s 中原有的导出文件没有改动，除非另有说明）", e.detail().c_str(), dir.c_str()));
    }
  }
  for (size_t i = 0; i < texts.size(); ++i)
    result.files.push_back({texts[i].first, pathOf(target, i).string(), counts[i]});
  return result;
}

}  // namespace sb::exchange
