#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>

#include "core/error.h"
#include "exchange/csv.h"
#include "exchange/exchange.h"
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

std::vector<std::vector<std::string>> Rows(const Portfolio& pf, Table table, MoneyUnit unit) {
  Codes codes(pf);
  std::vector<Fields> rows;
  auto P = [&](Id id) { return Codes::Of(codes.project, id); };
  auto S = [&](Id id) { return Codes::Of(codes.source, id); };
  switch (table) {
    case Table::Projects:
      for (const auto& p : pf.projects)
        rows.push_back({p.code, p.name, p.school, p.township, std::string(Name(p.stage)),
                        std::string(Name(p.category)), std::string(Name(p.nature)),
                        p.floorArea.Format(), FormatDate(p.plannedStart), FormatDate(p.plannedFinish),
                        FormatDate(p.actualStart), FormatDate(p.actualFinish),
                        std::string(Name(p.status)), p.note});
      break;
    case Table::Budget: {
      std::vector<const BudgetLine*> lines;
      for (const auto& b : pf.budgetLines) lines.push_back(&b);
      std::stable_sort(lines.begin(), lines.end(), [&](auto* a, auto* b) {
        const std::string &pa = P(a->projectId), &pb = P(b->projectId);
        return pa != pb ? pa < pb : a->category < b->category;
      });
      for (const auto* b : lines)
        rows.push_back({P(b->projectId), std::string(Name(b->category)), Amount(b->amount, unit)});
      break;
    }
    case Table::Sources:
      for (const auto& s : pf.sources)
        rows.push_back({s.code, s.name, s.kind, std::to_string(s.year), Amount(s.amount, unit),
                        s.docNo, s.eligible.Format(), s.note});
      break;
    case Table::Allocations:
      for (const auto& a : pf.allocations)
        rows.push_back({P(a.projectId), S(a.sourceId), Amount(a.amount, unit), FormatDate(a.date), a.note});
      break;
    case Table::Receipts:
      for (const auto& r : pf.receipts)
        rows.push_back({P(r.projectId), S(r.sourceId), Amount(r.amount, unit), FormatDate(r.date), r.note});
      break;
    case Table::Procedures: {
      std::vector<const ProcedureStep*> steps;
      for (const auto& s : pf.procedureSteps) steps.push_back(&s);
      std::stable_sort(steps.begin(), steps.end(), [&](auto* a, auto* b) {
        const std::string &pa = P(a->projectId), &pb = P(b->projectId);
        return pa != pb ? pa < pb : codes.templOrder[a->templateId] < codes.templOrder[b->templateId];
      });
      for (const auto* s : steps)
        rows.push_back({P(s->projectId), Codes::Of(codes.templ, s->templateId),
                        std::string(Name(s->status)), FormatDate(s->plannedDate),
                        FormatDate(s->doneDate), s->docNo, s->note});
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
        rows.push_back({P(e->projectId), e->month.Format(), e->percent.Format(),
                        Amount(e->invested, unit), e->description, e->problems, e->nextSteps});
      break;
    }
    case Table::Contracts:
      for (const auto& c : pf.contracts)
        rows.push_back({c.code, P(c.projectId), std::string(Name(c.kind)), c.counterparty,
                        Amount(c.amount, unit), FormatDate(c.signedDate), c.advanceRate.Format(),
                        c.retentionRate.Format(), c.note});
      break;
    case Table::Payments:
      for (const auto& p : pf.payments)
        rows.push_back({P(p.projectId), p.contractId ? Codes::Of(codes.contract, *p.contractId) : "",
                        S(p.sourceId), std::string(Name(p.category)), FormatDate(p.date),
                        Amount(p.amount, unit), std::string(Name(p.kind)), p.voucher, p.payee,
                        p.reversesId ? Codes::Of(codes.voucher, *p.reversesId) : "", p.note});
      break;
    case Table::Plans: {
      std::vector<const AnnualPlan*> plans;
      for (const auto& a : pf.plans) plans.push_back(&a);
      std::stable_sort(plans.begin(), plans.end(), [&](auto* a, auto* b) {
        const std::string &pa = P(a->projectId), &pb = P(b->projectId);
        return pa != pb ? pa < pb : a->year < b->year;
      });
      for (const auto* a : plans)
        rows.push_back({P(a->projectId), std::to_string(a->year), Amount(a->amount, unit), a->note});
      break;
    }
  }
  return rows;
}

std::string Header(Table table, MoneyUnit unit) {
  std::string out;
  Fields names;
  for (const auto& c : Spec(table).columns) names.push_back(CanonicalHeader(c, unit));
  AppendCsvRecord(out, names);
  return out;
}

}  // namespace

std::string ExportTableText(const Portfolio& pf, Table table, MoneyUnit unit) {
  std::string out = "\xEF\xBB\xBF" + Header(table, unit);
  for (const auto& r : Rows(pf, table, unit)) AppendCsvRecord(out, r);
  return out;
}

ExportResult Export(storage::Database& db, const std::string& dir, const ExportOptions& options) {
  ExportResult result;
  Portfolio pf = storage::LoadPortfolio(db);
  size_t total = pf.projects.size() + pf.budgetLines.size() + pf.sources.size() +
                 pf.allocations.size() + pf.receipts.size() + pf.procedureSteps.size() +
                 pf.progress.size() + pf.contracts.size() + pf.payments.size();
  size_t done = 0;
  if (options.progress && !options.progress(0, total)) {
    result.cancelled = true;
    return result;
  }
  // Everything is built in memory first, so a cancel leaves no half-written folder.
  std::vector<std::pair<Table, std::string>> texts;
  std::vector<size_t> counts;
  for (Table t : kTablesInOrder) {
    auto rows = Rows(pf, t, options.unit);
    std::string text = "\xEF\xBB\xBF" + Header(t, options.unit);
    text.reserve(text.size() + rows.size() * 96);
    for (const auto& r : rows) AppendCsvRecord(text, r);
    done += rows.size();
    counts.push_back(rows.size());
    texts.emplace_back(t, std::move(text));
    if (options.progress && !options.progress(done, total)) {
      result.cancelled = true;
      return result;
    }
  }

  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    Fail(ErrorCode::Io, "“" + dir + "”是一个文件，不是文件夹");
  fs::create_directories(dir, ec);
  if (ec) Fail(ErrorCode::Io, "无法创建文件夹 " + dir + "：" + ec.message());
  for (size_t i = 0; i < texts.size(); ++i) {
    fs::path path = fs::path(dir) / std::string(Spec(texts[i].first).file);
    fs::path tmp = path;
    tmp += ".tmp";
    {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      f.write(texts[i].second.data(), static_cast<std::streamsize>(texts[i].second.size()));
      f.close();
      if (!f) {
        fs::remove(tmp, ec);
        Fail(ErrorCode::Io, "无法写入文件 " + path.string() + "（文件夹只读、磁盘已满，或文件正被 Excel 打开？）");
      }
    }
    fs::rename(tmp, path, ec);
    if (ec) {
      fs::remove(tmp, ec);
      Fail(ErrorCode::Io, "无法写入文件 " + path.string() + "（文件正被 Excel 打开？）");
    }
    result.files.push_back({texts[i].first, path.string(), counts[i]});
  }
  return result;
}

}  // namespace sb::exchange
