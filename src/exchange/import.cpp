#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "core/rules.h"
#include "core/text.h"
#include "core/translate.h"
#include "core/validate.h"
#include "exchange/csv.h"
#include "exchange/encoding.h"
#include "exchange/exchange.h"
#include "exchange/workbook.h"
#include "storage/exchange_repository.h"
#include "storage/import_lookups.h"
#include "storage/repository.h"

namespace sb::exchange {

namespace fs = std::filesystem;

std::string Problem::ToString() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  if (!s.empty()) s += ": ";
  if (!column.empty()) s += column + ": ";
  return s + message;
}

std::vector<std::string> ImportResult::ProblemLines() const {
  std::vector<std::string> lines;
  for (const auto& p : problems) lines.push_back(p.ToString());
  if (omittedProblems > 0)
    lines.push_back(Tr("……另有 %zu 个问题未列出", omittedProblems));
  return lines;
}

namespace {

// Rows checked and written between two look-ups of the stored rows they refer to; a CSV
// file is held as text and parsed this many rows at a time.
constexpr size_t kBatchRows = 1000;

// ---- input files ------------------------------------------------------------------

struct InputFile {
  std::string path;
  Table table = Table::Projects;
  HeaderMap header;
  /// Data rows, blank rows left out: a workbook sheet's all (they come in memory); a CSV
  /// file's one batch at a time, parsed from `text` as the import reaches them.
  mutable std::vector<CsvRecord> rows;
  std::string text;                      ///< a CSV file: its text, decoded
  mutable std::optional<CsvReader> reader;  ///< a CSV file: after the last row parsed
  mutable size_t batchStart = 0;         ///< index of rows[0] among the data rows
  size_t count = 0;                      ///< data rows
  bool broken = false;          ///< unreadable, or its header is wrong: rows not checked
  bool loaded = false;          ///< a workbook sheet: header and rows already there
  bool guarded = true;          ///< CSV: text cells carry the export's formula apostrophe
  /// A workbook ledger: names may stand for codes (byName), a payment's contract may
  /// follow from its payee, and a row already imported unchanged is counted, not refused.
  bool ledger = false;
  std::vector<bool> byName;     ///< per spec column
  mutable std::vector<size_t> alreadyThere;  ///< lines of rows found stored unchanged
};

// A canonical value (a cost category, a kind) in the user's language; files keep it.
template <class E>
std::string Named(E value) {
  return Tr(std::string(Name(value)).c_str());
}

// Items listed in a message: codes, names, the values a column may take (these stay as
// the file must write them; only the separator is translated).
std::string ListOf(const std::vector<std::string>& items) { return Join(items, Tr("、")); }

std::string Title(Table t) { return Tr(std::string(Spec(t).title).c_str()); }

// TRANSLATORS: a column of a file named by its position, when it has no header: 第3列.
std::string ColumnNumber(size_t n) { return Tr("第%zu列", n); }

std::string LowerAscii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool ReadFile(const std::string& path, std::string& bytes) {
  std::ifstream f(fs::path(path), std::ios::binary | std::ios::ate);
  if (!f) return false;
  std::streamoff size = f.tellg();
  if (size < 0) return false;
  bytes.resize(static_cast<size_t>(size));
  f.seekg(0);
  f.read(bytes.data(), size);
  return static_cast<bool>(f) || f.gcount() == size;
}

std::string Key(std::initializer_list<std::string_view> parts) {
  std::string k;
  for (auto p : parts) {
    k.append(p);
    k.push_back('\x1f');
  }
  return k;
}

// A code as the row means it: trimmed, without the export's formula apostrophe; "" when
// the cell is absent. The one reading of a key cell, for Row and for the look-ups.
std::string KeyText(const InputFile& f, const CsvRecord& rec, size_t col) {
  int pos = f.header.position[col];
  if (pos < 0 || static_cast<size_t>(pos) >= rec.cells.size()) return "";
  std::string s = Trim(rec.cells[static_cast<size_t>(pos)].text);
  return f.guarded && IsTextColumn(Spec(f.table).columns[col]) ? UnguardFormula(std::move(s)) : s;
}

// ---- the importer -----------------------------------------------------------------

class Importer;

// One data row being read: typed access to its cells, each problem recorded against the
// row's line and the column's header as the file writes it.
class Row {
 public:
  Row(Importer& im, const InputFile& f, const CsvRecord& rec);

  bool ok() const { return ok_; }
  bool Has(size_t col) const { return file_.header.Has(col); }
  bool ByName(size_t col) const { return col < file_.byName.size() && file_.byName[col]; }
  const InputFile& file() const { return file_; }
  size_t line() const { return rec_.line; }

  /// Text as meant: an unquoted cell is trimmed (Excel pads nothing, people do); a
  /// quoted one is kept exactly. Absent column: "".
  std::string Text(size_t col) const {
    const CsvCell* c = Cell(col);
    if (!c) return "";
    return Unguard(col, c->quoted ? c->text : Trim(c->text));
  }
  /// A code or a value of a list: always trimmed; empty → problem "不能为空".
  std::string Required(size_t col) {
    std::string s = Trimmed(col);
    if (s.empty()) Fail(col, Tr("不能为空"));
    return s;
  }
  std::string Trimmed(size_t col) const { return KeyText(file_, rec_, col); }

  /// Sets `target` from the cell when the file has the column.
  void SetText(size_t col, std::string& target) const {
    if (Has(col)) target = Text(col);
  }

  template <class E> std::optional<E> Enum(size_t col) {
    std::string s = Required(col);
    if (s.empty()) return std::nullopt;
    return Parse<E>(col, [&] { return ParseEnum<E>(s); });
  }
  template <class E> void SetEnum(size_t col, E& target) {
    if (!Has(col)) return;
    if (auto e = Enum<E>(col)) target = *e;
  }

  std::optional<Money> Amount(size_t col) {
    std::string s = Required(col);
    if (s.empty()) return std::nullopt;
    MoneyUnit unit = file_.header.unit[col];
    return Parse<Money>(col, [&] { return Money::Parse(s, unit); });
  }
  std::optional<Date> RequiredDate(size_t col) {
    std::string s = Required(col);
    if (s.empty()) return std::nullopt;
    return Parse<Date>(col, [&] { return ParseDate(s); });
  }
  void SetOptionalDate(size_t col, std::optional<Date>& target) {
    if (!Has(col)) return;
    std::string s = Trimmed(col);
    if (s.empty()) {
      target.reset();
      return;
    }
    if (auto d = Parse<Date>(col, [&] { return ParseDate(s); })) target = *d;
  }

  /// Parses with a core parser, turning its Error into a problem on this cell.
  template <class T, class F> std::optional<T> Parse(size_t col, F&& parse) {
    try {
      return parse();
    } catch (const Error& e) {
      Fail(col, e.detail());
      return std::nullopt;
    }
  }

  /// Runs the model's Check(); its message names the fields itself.
  template <class T> void Check(const T& entity) {
    CheckWith([&] { sb::Check(entity); });
  }
  /// Runs a check of core (model.h, validate.h): the same function, and so the same
  /// sentence, as the dialogs'.
  template <class F> void CheckWith(F&& check) {
    if (!ok_) return;  // a field already failed; its defaults would only add noise
    try {
      check();
    } catch (const Error& e) {
      FailRow(e.detail());
    }
  }

  void Fail(size_t col, std::string message);
  void FailRow(std::string message);
  /// Records the key on its first occurrence in the file; a later one is a problem.
  /// `what()` names it for the message (called only then).
  template <class What>
  bool FirstInFile(std::unordered_map<std::string, size_t>& seen, const std::string& key, size_t col,
                   What&& what) {
    auto [it, fresh] = seen.emplace(key, rec_.line);
    if (fresh) return true;
    // TRANSLATORS: what is repeated (项目编号“X”), then the line where it first appears.
    Fail(col, Tr("%s与第%zu行重复", what().c_str(), it->second));
    return false;
  }

 private:
  // The apostrophe the export puts before formula-looking text (csv.h), in text columns.
  std::string Unguard(size_t col, std::string s) const {
    return file_.guarded && IsTextColumn(Spec(file_.table).columns[col]) ? UnguardFormula(std::move(s)) : s;
  }
  const CsvCell* Cell(size_t col) const {
    int pos = file_.header.position[col];
    if (pos < 0 || static_cast<size_t>(pos) >= rec_.cells.size()) return nullptr;
    return &rec_.cells[static_cast<size_t>(pos)];
  }

  Importer& im_;
  const InputFile& file_;
  const CsvRecord& rec_;
  bool ok_ = true;
};

struct ContractInfo {
  Contract contract;
  std::string project;  // code
};

// A payment seen through codes, so that stored and imported rows compare alike.
struct PaymentInfo {
  Payment payment;
  std::string project, contract, source, reverses;
  std::string reversedBy;  ///< voucher of its reversal, if reversed
  auto Tie() const {
    return std::tie(project, contract, source, payment.category, payment.date, payment.amount,
                    payment.kind, payment.voucher, payment.payee, reverses, payment.note);
  }
};

class Importer {
 public:
  Importer(storage::Database& db, const ImportOptions& options, ImportResult& result)
      : db_(db), options_(options), result_(result) {}

  void Run(const std::vector<std::string>& paths);

  void AddProblem(const std::string& file, size_t line, std::string column, std::string message) {
    if (result_.problems.size() < options_.maxProblems)
      result_.problems.push_back({file, line, std::move(column), std::move(message)});
    else
      ++result_.omittedProblems;
  }

 private:
  // phase 1: files
  void CollectFiles(const std::vector<std::string>& paths);
  void LoadFile(InputFile& f);
  void LoadWorkbook(const std::string& path, std::map<Table, std::string>& taken);
  void AddNote(const std::string& file, size_t line, std::string column, std::string message) {
    result_.notes.push_back({file, line, std::move(column), std::move(message)});
  }
  // phase 2: the stored rows each batch of rows refers to, read by key
  void LoadReference();
  void Prefetch(const InputFile& f, size_t begin, size_t end);
  /// Data row `i` of a file, or nullptr after the last: a CSV file's rows are parsed a
  /// batch at a time as they are reached (only one batch is held), a workbook sheet's are
  /// in memory; each batch first reads the stored rows it refers to (Prefetch).
  const CsvRecord* RowAt(const InputFile& f, size_t i);
  void AddProjects(std::vector<Project> found);
  void AddSources(std::vector<FundingSource> found);
  void AddContracts(std::vector<Contract> found);
  void ProjectsWithIds(const std::set<Id>& ids);
  void SourcesWithIds(const std::set<Id>& ids);
  void ContractsWithIds(const std::set<Id>& ids);
  void AllNames(bool projects);
  // phase 2: rows
  void Counties(const InputFile& f, TableCounts& n);
  /// The county of a project or source row: the cell's 行政区划代码, which must be one of
  /// the database's (or the import's counties.csv); an empty or absent cell keeps a stored
  /// row's, and for a new row means the only county — required when there are several.
  void SetCounty(Row& r, size_t col, std::string& target, bool exists, const char* what);
  void Projects(const InputFile& f, TableCounts& n);
  void Budget(const InputFile& f, TableCounts& n);
  void Sources(const InputFile& f, TableCounts& n);
  template <class T, class CheckFn>
  void MoneyRows(const InputFile& f, TableCounts& n, std::unordered_map<std::string, T>& existing,
                 const char* what, CheckFn check);
  void Allocations(const InputFile& f, TableCounts& n);
  void Receipts(const InputFile& f, TableCounts& n);
  void Procedures(const InputFile& f, TableCounts& n);
  void Progress(const InputFile& f, TableCounts& n);
  void Contracts(const InputFile& f, TableCounts& n);
  void Payments(const InputFile& f, TableCounts& n);
  void Plans(const InputFile& f, TableCounts& n);
  void ContractProgressRows(const InputFile& f, TableCounts& n);

  bool Writing() const { return result_.ProblemCount() == 0; }
  /// The rows written so far reach the database (the server's are sent in batches):
  /// before a batch reads stored rows (`batch`) and at the end of each file. A refusal is a
  /// problem of the file; after a problem nothing more is sent.
  void SendWritten(const InputFile& f, bool batch = false) {
    if (!insert_) return;
    if (!Writing()) return insert_->Discard();
    try {
      if (batch) insert_->FlushBatch();
      else insert_->Flush();
    } catch (const Error& e) {
      AddProblem(f.path, 0, "", e.detail());
    }
  }
  bool Tick() {
    ++done_;
    if (options_.progress && (done_ % 1000 == 0 || done_ == total_) && !cancelled_)
      cancelled_ = !options_.progress(done_, total_);
    return !cancelled_;
  }
  /// An id for a row that is checked but not written (the import already failed), so
  /// that Check() and later references see a stored-looking row.
  Id Placeholder() { return nextPlaceholder_--; }
  /// Writes one row; a database refusal becomes a problem on the row.
  template <class F> bool Write(Row& r, F&& write) {
    if (!r.ok() || !Writing()) return false;
    try {
      write();
      return true;
    } catch (const Error& e) {
      r.FailRow(e.detail());
      return false;
    }
  }

  /// A project or source named instead of coded (a workbook column marked byName): exact
  /// name (or 文号), then unique after normalising full-width forms and spaces. Returns the
  /// code, or "" after a problem listing the candidates.
  std::string LookUpName(Row& r, size_t col, const std::string& text, bool project);
  std::string NameCandidates(const std::string& text, bool project);
  /// NameCandidates, memoised: the code, or "\x01" + the problem.
  const std::string& NameMatch(const std::string& text, bool project);
  /// A workbook row already stored, but different: refused unless --update (throws).
  /// `what()` names the row for the message.
  template <class What>
  void RefuseChange(const InputFile& f, What&& what) const {
    if (f.ledger && !options_.update)
      // TRANSLATORS: %s names the row (项目“X”); “更新已有数据” is the import dialog's
      // check box "Update existing records".
      Fail(ErrorCode::InvalidInput, Tr("%s已导入过，但与数据库中的不同；要用台账的内容更新，请加 --update（窗口中勾选“更新已有数据”）",
                                       what().c_str()));
  }
  Project* FindProject(Row& r, size_t col, const std::string& code);
  FundingSource* FindSource(Row& r, size_t col, const std::string& code);
  ContractInfo* FindContract(Row& r, size_t col, const std::string& code);
  std::string Exists(const std::string& what) const {
    // TRANSLATORS: %s names the row (项目“X”); “更新已有数据” is the import dialog's
    // check box "Update existing records".
    return Tr("%s已存在；要用文件内容更新已有数据，请加 --update（窗口中勾选“更新已有数据”）", what.c_str());
  }

  storage::Database& db_;
  const ImportOptions& options_;
  ImportResult& result_;
  std::vector<InputFile> files_;
  std::set<Table> broken_;
  size_t done_ = 0, total_ = 0;
  bool cancelled_ = false;
  Id nextPlaceholder_ = std::numeric_limits<Id>::max();
  std::unique_ptr<storage::BulkInserter> insert_;

  std::map<std::string, County> counties_;  ///< by code
  bool emptyDatabase_ = false;              ///< no project, no source before the import
  std::unordered_map<std::string, Project> projects_;
  std::unordered_map<Id, std::string> projectCode_;
  std::unordered_map<std::string, FundingSource> sources_;
  std::unordered_map<Id, std::string> sourceCode_;
  std::unordered_map<std::string, ContractInfo> contracts_;
  std::unordered_map<Id, std::string> contractCode_;
  std::unordered_set<Id> contractsWithPayments_;
  std::vector<std::string> fundKinds_;
  std::map<std::string, ProcedureTemplateStep> template_;
  std::vector<std::string> templateNames_;
  std::unordered_map<std::string, BudgetLine> budget_;
  std::unordered_map<std::string, Allocation> allocations_;
  std::unordered_map<std::string, Receipt> receipts_;
  std::unordered_map<std::string, ProcedureStep> steps_;
  std::unordered_map<std::string, ProgressEntry> progress_;
  std::unordered_map<std::string, PaymentInfo> payments_;
  // The payments of this import written since the last batch: once they are in the
  // database they leave payments_ (a province's million would stay in memory), and a later
  // row that names one (a reversal) reads it back like any stored payment.
  std::vector<std::string> paymentsWritten_;
  std::unordered_map<std::string, AnnualPlan> plans_;  // by project code + year
  std::unordered_map<std::string, ContractProgress> contractProgress_;  // by contract code + month
  std::unordered_map<std::string, CategorySet> kindEligible_;
  std::unordered_map<std::string, std::string> nameMemo_;  // "p|s" + text → code or "\x01" + problem
  // Keys already looked up in the database (found or not), per kind of row: each stored
  // row is read once, at the first batch that mentions it, before any row of the import
  // can have changed it.
  std::unordered_set<std::string> askedProjects_, askedSources_, askedContracts_, askedVouchers_;
  std::unordered_set<Id> budgetOf_, flowsOf_, stepsOf_, progressOf_, plansOf_, contractsOf_,  // by project
      allocatedFrom_,                                                                         // by source
      paymentsOn_, contractProgressOf_;                                                       // by contract
  bool allProjects_ = false, allSources_ = false;
  // Running totals for the cross-row checks, kept as rows are read.
  struct Flow {
    Money allocated, received;
    std::optional<Date> firstAllocation;
  };
  std::unordered_map<Id, Money> sourceAllocated_;
  std::map<std::pair<Id, Id>, Flow> flows_;  // (project, source)

  friend class Row;
};

Row::Row(Importer& im, const InputFile& f, const CsvRecord& rec) : im_(im), file_(f), rec_(rec) {
  // Cells under no header (trailing empty columns of a sheet) must be empty.
  for (size_t i = 0; i < rec.cells.size(); ++i) {
    bool unnamed = i >= f.header.unnamed.size() || f.header.unnamed[i];
    if (unnamed && !Trim(rec.cells[i].text).empty()) {
      ok_ = false;
      im_.AddProblem(f.path, rec.line, ColumnNumber(i + 1),
                     Tr("这一列没有列名，却有数据“%s”", rec.cells[i].text.c_str()));
    }
  }
}

void Row::Fail(size_t col, std::string message) {
  ok_ = false;
  im_.AddProblem(file_.path, rec_.line, file_.header.written[col], std::move(message));
}

void Row::FailRow(std::string message) {
  ok_ = false;
  im_.AddProblem(file_.path, rec_.line, "", std::move(message));
}

// ---- phase 1 ----------------------------------------------------------------------

void Importer::CollectFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> candidates;
  // An export interrupted while it renamed its files may leave old and new files side
  // by side; its marker says so, and such a set is never imported.
  auto interrupted = [&](const fs::path& folder, const std::string& path) {
    std::error_code ec;
    if (!fs::exists(folder / std::string(kIncompleteExportMarker), ec)) return false;
    AddProblem(path, 0, "",
               // TRANSLATORS: the folder, then the name of the file an unfinished export leaves in it.
               Tr("文件夹 %s 中的导出没有完成（有 %s 标记），其中的文件可能新旧混杂，不能导入；请重新导出",
                  folder.string().c_str(), std::string(kIncompleteExportMarker).c_str()));
    return true;
  };
  for (const auto& path : paths) {
    std::error_code ec;
    fs::path p = fs::path(path);
    if (fs::is_directory(p, ec) && interrupted(p, path)) continue;
    if (fs::is_regular_file(p, ec) &&
        interrupted(p.parent_path().empty() ? fs::path(".") : p.parent_path(), path))
      continue;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> inDir;
      for (const auto& entry : fs::directory_iterator(p, ec)) {
        if (!entry.is_regular_file(ec)) continue;
        std::string name = entry.path().filename().string();
        if (IsCsvName(name)) inDir.push_back(entry.path().string());
      }
      if (ec) AddProblem(path, 0, "", Tr("无法读取文件夹：%s", ec.message().c_str()));
      else if (inDir.empty()) AddProblem(path, 0, "", Tr("文件夹里没有 .csv 文件"));
      std::sort(inDir.begin(), inDir.end());
      candidates.insert(candidates.end(), inDir.begin(), inDir.end());
    } else if (fs::is_regular_file(p, ec)) {
      candidates.push_back(path);
    } else {
      AddProblem(path, 0, "", Tr("文件不存在"));
    }
  }
  std::map<Table, std::string> taken;
  for (const auto& path : candidates) {
    std::string name = fs::path(path).filename().string();
    if (IsWorkbookFileName(name)) {
      LoadWorkbook(path, taken);
      continue;
    }
    auto table = TableForFileName(name);
    if (!table) {
      AddProblem(path, 0, "",
                 // TRANSLATORS: the file's name, then the names the import knows (projects.csv、…).
                 // 项目.csv and 拨付.csv are Chinese file names it knows too: keep them.
                 Tr("不认识的文件名“%s”：表由文件名识别，应为 %s（也可用中文名，如 项目.csv、拨付.csv）", name.c_str(),
                    KnownFileNames().c_str()));
      continue;
    }
    if (auto it = taken.find(*table); it != taken.end()) {
      // TRANSLATORS: the other file, then the table both hold (projects.csv).
      AddProblem(path, 0, "", Tr("与 %s 是同一张表（%s），一次只能导入其中一个", it->second.c_str(),
                                 std::string(Spec(*table).file).c_str()));
      continue;
    }
    taken[*table] = path;
    InputFile f;
    f.path = path;
    f.table = *table;
    files_.push_back(std::move(f));
  }
  std::sort(files_.begin(), files_.end(),
            [](const InputFile& a, const InputFile& b) { return ImportOrder(a.table) < ImportOrder(b.table); });
}

void Importer::LoadWorkbook(const std::string& path, std::map<Table, std::string>& taken) {
  Workbook book;
  try {
    book = ReadWorkbookFile(path);
  } catch (const Error& e) {
    AddProblem(path, 0, "", e.detail());
    return;
  }
  FoundTables found = FindTables(book, fs::path(path).filename().string(), options_.workbook);
  for (const auto& n : found.notes) AddNote(path, n.line, n.column, n.message);
  for (const auto& p : found.problems) AddProblem(path, p.line, p.column, p.message);
  for (auto& t : found.tables) {
    std::string label = path + "[" + t.sheet + "]";
    for (const auto& n : t.notes) AddNote(label, n.line, n.column, n.message);
    bool headerBroken = false;
    for (const auto& p : t.problems) {
      AddProblem(label, p.line, p.column, p.message);
      headerBroken |= p.line == t.headerRow;
    }
    SheetTable preview = t;
    if (preview.rows.size() > kPreviewRows) preview.rows.resize(kPreviewRows);
    result_.sheets.push_back(std::move(preview));
    result_.sheetFiles.push_back(path);
    if (auto it = taken.find(t.table); it != taken.end()) {
      // TRANSLATORS: the other sheet or file, then the table both hold (项目, projects).
      AddProblem(label, 0, "", Tr("与 %s 是同一张表（%s），一次只能导入其中一个；请用 --sheet 选定", it->second.c_str(),
                                  Title(t.table).c_str()));
      continue;
    }
    taken[t.table] = label;
    InputFile f;
    f.path = label;
    f.table = t.table;
    f.header = std::move(t.header);
    f.rows = std::move(t.rows);
    f.byName = std::move(t.byName);
    f.loaded = true;
    f.guarded = false;
    f.ledger = true;
    f.broken = headerBroken;
    files_.push_back(std::move(f));
  }
}

void Importer::LoadFile(InputFile& f) {
  if (f.loaded) {
    f.count = f.rows.size();
    return;
  }
  f.broken = true;
  std::string bytes;
  if (!ReadFile(f.path, bytes)) {
    AddProblem(f.path, 0, "", Tr("无法读取文件"));
    return;
  }
  DecodedText text;
  try {
    text = DecodeText(bytes);
  } catch (const Error& e) {
    AddProblem(f.path, 0, "", e.detail());
    return;
  }
  bytes.clear();
  bytes.shrink_to_fit();
  f.text = std::move(text.text);

  // The file stays text: its rows are parsed once here to count them and find every
  // syntax error before any row is checked, and again batch by batch (RowAt).
  std::vector<CsvSyntaxError> errors;
  CsvReader reader(f.text);
  CsvRecord header;
  bool found = false;
  while (!found && reader.Next(header, errors)) found = !header.IsBlank();
  if (!found) {
    // TRANSLATORS: %s is the header of the table's first column, as the file must write it.
    AddProblem(f.path, 0, "", Tr("文件是空的：第一行应为列名（如 %s）",
                                 CanonicalHeader(Spec(f.table).columns[0], MoneyUnit::Wan).c_str()));
    return;
  }
  std::vector<HeaderProblem> headerProblems;
  f.header = MapHeader(Spec(f.table), header, headerProblems);
  for (const auto& p : headerProblems)
    AddProblem(f.path, header.line, p.column.empty() && p.fileColumn ? ColumnNumber(p.fileColumn) : p.column,
               p.message);
  size_t count = 0;
  CsvReader counter = reader;
  for (CsvRecord rec; counter.Next(rec, errors);) count += !rec.IsBlank();
  // Syntax errors name the column under which they sit.
  for (const auto& e : errors) {
    std::string column = ColumnNumber(e.column);
    for (size_t i = 0; i < f.header.position.size(); ++i)
      if (f.header.position[i] + 1 == static_cast<int>(e.column)) column = f.header.written[i];
    AddProblem(f.path, e.line, column, e.message);
  }
  if (!headerProblems.empty()) return;
  f.broken = false;
  f.count = count;
  f.reader = reader;
}

const CsvRecord* Importer::RowAt(const InputFile& f, size_t i) {
  if (f.loaded) {
    if (i >= f.rows.size()) return nullptr;
    if (i % kBatchRows == 0) Prefetch(f, i, std::min(f.rows.size(), i + kBatchRows));
    return &f.rows[i];
  }
  if (i >= f.batchStart + f.rows.size()) {
    f.batchStart = i;
    f.rows.clear();
    std::vector<CsvSyntaxError> reported;  // when the file was counted
    CsvRecord rec;
    while (f.rows.size() < kBatchRows && f.reader && f.reader->Next(rec, reported))
      if (!rec.IsBlank()) f.rows.push_back(std::move(rec));
    if (f.rows.empty()) return nullptr;
    Prefetch(f, 0, f.rows.size());
  }
  return &f.rows[i - f.batchStart];
}

// ---- phase 2: state -----------------------------------------------------------------

void Importer::LoadReference() {
  for (auto& c : storage::Counties(db_)) counties_[c.code] = c;
  emptyDatabase_ = storage::IsEmpty(db_);
  for (const auto& k : storage::FundKinds(db_)) {
    fundKinds_.push_back(k.name);
    kindEligible_[k.name] = k.defaultEligible;
  }
  for (const auto& t : storage::ProcedureTemplate(db_)) {
    template_[t.name] = t;
    templateNames_.push_back(t.name);
  }
}

void Importer::AddProjects(std::vector<Project> found) {
  for (auto& p : found) {
    projectCode_.emplace(p.id, p.code);
    projects_.emplace(p.code, std::move(p));  // a row of this import already read wins
  }
}

void Importer::AddSources(std::vector<FundingSource> found) {
  for (auto& s : found) {
    sourceCode_.emplace(s.id, s.code);
    sources_.emplace(s.code, std::move(s));
  }
}

void Importer::AddContracts(std::vector<Contract> found) {
  std::set<Id> projects;
  for (const auto& c : found) projects.insert(c.projectId);
  ProjectsWithIds(projects);
  for (auto& c : found) {
    contractCode_.emplace(c.id, c.code);
    std::string code = c.code, project = projectCode_[c.projectId];
    contracts_.emplace(std::move(code), ContractInfo{std::move(c), std::move(project)});
  }
}

// Codes the stored rows name by id (a contract's project, a payment's source …).
void Importer::ProjectsWithIds(const std::set<Id>& ids) {
  std::vector<Id> missing;
  for (Id id : ids)
    if (!projectCode_.count(id)) missing.push_back(id);
  if (!missing.empty()) AddProjects(storage::ProjectsByIds(db_, missing));
}

void Importer::SourcesWithIds(const std::set<Id>& ids) {
  std::vector<Id> missing;
  for (Id id : ids)
    if (!sourceCode_.count(id)) missing.push_back(id);
  if (!missing.empty()) AddSources(storage::SourcesByIds(db_, missing));
}

void Importer::ContractsWithIds(const std::set<Id>& ids) {
  std::vector<Id> missing;
  for (Id id : ids)
    if (!contractCode_.count(id)) missing.push_back(id);
  if (!missing.empty()) AddContracts(storage::ContractsByIds(db_, missing));
}

// A workbook column naming projects or sources is matched against every name.
void Importer::AllNames(bool projects) {
  bool& done = projects ? allProjects_ : allSources_;
  if (done) return;
  done = true;
  if (projects) AddProjects(storage::AllProjects(db_));
  else AddSources(storage::FundingSources(db_));
}

void Importer::Prefetch(const InputFile& f, size_t begin, size_t end) {
  SendWritten(f, true);
  if (Writing())
    for (const auto& v : paymentsWritten_) {
      payments_.erase(v);
      askedVouchers_.erase(v);
    }
  paymentsWritten_.clear();  // not written: kept, the stand-ins of rows only checked
  // Where each table keeps its keys (the enums of the table functions below).
  int project = -1, source = -1, contract = -1, voucher = -1, reverses = -1;
  switch (f.table) {
    case Table::Projects: project = 0; break;
    case Table::Budget: case Table::Procedures: case Table::Progress: case Table::Plans: project = 0; break;
    case Table::Allocations: case Table::Receipts: project = 0; source = 1; break;
    case Table::Sources: source = 0; break;
    case Table::Contracts: contract = 0; project = 1; break;
    case Table::Payments: project = 0; contract = 1; source = 2; voucher = 7; reverses = 9; break;
    case Table::ContractProgress: contract = 0; break;
    case Table::Counties: break;  // read whole at the start (LoadReference): a handful of rows
  }
  auto byName = [&](int col) { return col >= 0 && static_cast<size_t>(col) < f.byName.size() && f.byName[col]; };
  if (byName(project)) AllNames(true);
  if (byName(source)) AllNames(false);
  std::set<std::string> projectCodes, sourceCodes, contractCodes, vouchers;
  auto collect = [&](int col, std::set<std::string>& keys, const std::unordered_set<std::string>& asked) {
    if (col < 0 || !f.header.Has(static_cast<size_t>(col))) return;
    for (size_t i = begin; i < end; ++i)
      if (std::string k = KeyText(f, f.rows[i], static_cast<size_t>(col)); !k.empty() && !asked.count(k))
        keys.insert(std::move(k));
  };
  collect(project, projectCodes, askedProjects_);
  collect(source, sourceCodes, askedSources_);
  collect(contract, contractCodes, askedContracts_);
  collect(voucher, vouchers, askedVouchers_);
  collect(reverses, vouchers, askedVouchers_);
  auto ask = [](const std::set<std::string>& keys, std::unordered_set<std::string>& asked) {
    std::vector<std::string> out;
    for (const auto& k : keys)
      if (asked.insert(k).second) out.push_back(k);
    return out;
  };
  if (auto codes = ask(projectCodes, askedProjects_); !codes.empty()) AddProjects(storage::ProjectsByCodes(db_, codes));
  if (auto codes = ask(sourceCodes, askedSources_); !codes.empty()) AddSources(storage::SourcesByCodes(db_, codes));
  if (auto codes = ask(contractCodes, askedContracts_); !codes.empty()) AddContracts(storage::ContractsByCodes(db_, codes));

  // The stored rows of the batch's projects, sources and contracts, once each. Rows of
  // this import (ids of rows written, placeholders of rows only checked) have none stored
  // that are not already here.
  auto idsOf = [&](int col, auto& known, std::unordered_set<Id>& done, auto idOf) {
    std::vector<Id> ids;
    if (col < 0 || !f.header.Has(static_cast<size_t>(col))) return ids;
    for (size_t i = begin; i < end; ++i) {
      std::string key = KeyText(f, f.rows[i], static_cast<size_t>(col));
      auto it = known.find(key);
      if (it == known.end() && byName(col) && col != contract) {
        const std::string& code = NameMatch(key, col == project);
        if (code.empty() || code[0] == '\x01') continue;
        it = known.find(code);
      }
      if (it == known.end()) continue;
      Id id = idOf(it->second);
      if (id > 0 && id < nextPlaceholder_ && done.insert(id).second) ids.push_back(id);
    }
    return ids;
  };
  auto projectIds = [&](std::unordered_set<Id>& done) {
    return idsOf(project, projects_, done, [](const Project& p) { return p.id; });
  };
  auto contractIds = [&](std::unordered_set<Id>& done) {
    return idsOf(contract, contracts_, done, [](const ContractInfo& c) { return c.contract.id; });
  };
  switch (f.table) {
    case Table::Budget:
      for (auto& b : storage::BudgetLinesOfProjects(db_, projectIds(budgetOf_)))
        budget_.emplace(Key({projectCode_[b.projectId], Name(b.category)}), b);
      break;
    case Table::Sources:
    case Table::Allocations:
    case Table::Receipts: {
      std::vector<Id> sources = idsOf(source, sources_, allocatedFrom_, [](const FundingSource& s) { return s.id; });
      for (const auto& [id, sum] : storage::AllocatedBySources(db_, sources)) sourceAllocated_[id] += sum;
      if (f.table == Table::Sources) break;
      std::vector<Id> projects = projectIds(flowsOf_);
      if (projects.empty()) break;
      auto allocations = storage::AllocationsOfProjects(db_, projects);
      auto receipts = storage::ReceiptsOfProjects(db_, projects);
      std::set<Id> named;
      for (const auto& a : allocations) named.insert(a.sourceId);
      for (const auto& r : receipts) named.insert(r.sourceId);
      SourcesWithIds(named);
      for (const auto& a : allocations) {
        Flow& flow = flows_[{a.projectId, a.sourceId}];
        flow.allocated += a.amount;
        if (!flow.firstAllocation || a.date < *flow.firstAllocation) flow.firstAllocation = a.date;
        allocations_.emplace(Key({projectCode_[a.projectId], sourceCode_[a.sourceId], FormatDate(a.date)}), a);
      }
      for (const auto& r : receipts) {
        flows_[{r.projectId, r.sourceId}].received += r.amount;
        receipts_.emplace(Key({projectCode_[r.projectId], sourceCode_[r.sourceId], FormatDate(r.date)}), r);
      }
      break;
    }
    case Table::Procedures: {
      std::unordered_map<Id, std::string> templateName;
      for (const auto& [name, t] : template_) templateName[t.id] = name;
      for (auto& s : storage::ProcedureStepsOfProjects(db_, projectIds(stepsOf_)))
        steps_.emplace(Key({projectCode_[s.projectId], templateName[s.templateId]}), s);
      break;
    }
    case Table::Progress:
      for (auto& e : storage::ProgressOfProjects(db_, projectIds(progressOf_)))
        progress_.emplace(Key({projectCode_[e.projectId], e.month.Format()}), e);
      break;
    case Table::Plans:
      for (auto& a : storage::AnnualPlansOfProjects(db_, projectIds(plansOf_)))
        plans_.emplace(Key({projectCode_[a.projectId], std::to_string(a.year)}), a);
      break;
    case Table::Contracts:
      for (Id id : storage::ContractsHavingPayments(db_, contractIds(paymentsOn_))) contractsWithPayments_.insert(id);
      break;
    case Table::ContractProgress:
      for (auto& e : storage::ContractProgressOfContracts(db_, contractIds(contractProgressOf_)))
        contractProgress_.emplace(Key({contractCode_[e.contractId], e.month.Format()}), e);
      break;
    case Table::Payments: {
      // A ledger without contract column finds the contract by payee among the project's.
      if (f.ledger && !f.header.Has(static_cast<size_t>(contract)))
        if (auto projects = projectIds(contractsOf_); !projects.empty())
          AddContracts(storage::ContractsOfProjects(db_, projects));
      std::vector<std::string> wanted = ask(vouchers, askedVouchers_);
      if (wanted.empty()) break;
      std::vector<Payment> stored = storage::PaymentsByVouchers(db_, wanted);
      std::set<Id> projects, sources, contracts, originals;
      std::vector<Id> ids;
      for (const auto& p : stored) {
        projects.insert(p.projectId);
        sources.insert(p.sourceId);
        if (p.contractId) contracts.insert(*p.contractId);
        if (p.reversesId) originals.insert(*p.reversesId);
        ids.push_back(p.id);
      }
      ProjectsWithIds(projects);
      SourcesWithIds(sources);
      ContractsWithIds(contracts);
      std::unordered_map<Id, std::string> voucherById;
      for (const auto& p : stored) voucherById[p.id] = p.voucher;
      std::vector<Id> unread;
      for (Id id : originals)
        if (!voucherById.count(id)) unread.push_back(id);
      for (const auto& p : storage::PaymentsByIds(db_, unread)) voucherById[p.id] = p.voucher;
      std::unordered_map<Id, std::string> reversalOf;
      for (const auto& r : storage::ReversalsOfPayments(db_, ids))
        if (r.reversesId) reversalOf[*r.reversesId] = r.voucher;
      for (const auto& p : stored) {
        if (p.contractId) contractsWithPayments_.insert(*p.contractId);
        PaymentInfo info{p, projectCode_[p.projectId], p.contractId ? contractCode_[*p.contractId] : "",
                         sourceCode_[p.sourceId], p.reversesId ? voucherById[*p.reversesId] : "", ""};
        if (auto r = reversalOf.find(p.id); r != reversalOf.end()) info.reversedBy = r->second;
        payments_.emplace(p.voucher, std::move(info));  // first of equal vouchers wins
      }
      break;
    }
    case Table::Projects:
    case Table::Counties:
      break;
  }
}

Project* Importer::FindProject(Row& r, size_t col, const std::string& code) {
  if (code.empty()) return nullptr;
  auto it = projects_.find(code);
  if (it != projects_.end()) return &it->second;
  if (r.ByName(col)) {
    std::string found = LookUpName(r, col, code, true);
    return found.empty() ? nullptr : &projects_.find(found)->second;
  }
  // When projects.csv itself could not be read, a code may be in it: say nothing more.
  if (!broken_.count(Table::Projects))
    r.Fail(col, Tr("项目编号“%s”不存在（数据库和 projects.csv 中都没有）", code.c_str()));
  return nullptr;
}

FundingSource* Importer::FindSource(Row& r, size_t col, const std::string& code) {
  if (code.empty()) return nullptr;
  auto it = sources_.find(code);
  if (it != sources_.end()) return &it->second;
  if (r.ByName(col)) {
    std::string found = LookUpName(r, col, code, false);
    return found.empty() ? nullptr : &sources_.find(found)->second;
  }
  if (!broken_.count(Table::Sources))
    r.Fail(col, Tr("来源编号“%s”不存在（数据库和 sources.csv 中都没有）", code.c_str()));
  return nullptr;
}

ContractInfo* Importer::FindContract(Row& r, size_t col, const std::string& code) {
  if (code.empty()) return nullptr;
  auto it = contracts_.find(code);
  if (it != contracts_.end()) return &it->second;
  if (!broken_.count(Table::Contracts))
    r.Fail(col, Tr("合同编号“%s”不存在（数据库和 contracts.csv 中都没有）", code.c_str()));
  return nullptr;
}

std::string NormalName(std::string_view s) { return StripSpaces(NarrowFullWidth(s)); }

std::string Importer::NameCandidates(const std::string& text, bool project) {
  std::string n = NormalName(text);
  std::vector<std::string> exact, normal, similar;
  auto consider = [&](const std::string& code, const std::vector<std::string>& names, const std::string& label) {
    bool isExact = false, isNormal = false, isSimilar = false;
    for (const auto& name : names) {
      if (name.empty()) continue;
      std::string nn = NormalName(name);
      isExact |= name == text;
      isNormal |= nn == n;
      isSimilar |= !n.empty() && (nn.find(n) != std::string::npos || n.find(nn) != std::string::npos);
    }
    if (isExact) exact.push_back(code + "\x1f" + label);
    else if (isNormal) normal.push_back(code + "\x1f" + label);
    else if (isSimilar) similar.push_back(code + "\x1f" + label);
  };
  if (project)
    // TRANSLATORS: a project as a candidate for a name: its name, code and school.
    for (const auto& [code, p] : projects_) consider(code, {p.name}, Tr("%s（%s，%s）", p.name.c_str(), code.c_str(), p.school.c_str()));
  else
    for (const auto& [code, s] : sources_)
      // TRANSLATORS: a funding source as a candidate for a name: its name and code (and
      // its document number, when it has one).
      consider(code, {s.name, s.docNo}, s.docNo.empty() ? Tr("%s（%s）", s.name.c_str(), code.c_str())
                                                        : Tr("%s（%s，%s）", s.name.c_str(), code.c_str(), s.docNo.c_str()));
  auto labels = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    std::vector<std::string> out;
    for (size_t i = 0; i < v.size() && i < 8; ++i) out.push_back(v[i].substr(v[i].find('\x1f') + 1));
    // TRANSLATORS: after the first eight candidates: how many there are in all.
    if (v.size() > 8) out.push_back(Tr("等 %zu 个", v.size()));
    return ListOf(out);
  };
  auto code = [](const std::string& entry) { return entry.substr(0, entry.find('\x1f')); };
  for (auto* found : {&exact, &normal}) {
    if (found->size() == 1) return code((*found)[0]);
    if (found->size() > 1)
      // TRANSLATORS: the name in the ledger, how many projects have it, then them.
      return "\x01" + (project ? Tr("名称“%s”对应 %zu 个项目：%s；请写全名称，或在台账中加上项目编号列", text.c_str(),
                                    found->size(), labels(*found).c_str())
                                 // TRANSLATORS: the name in the ledger, how many funding sources have it, then them.
                                 : Tr("名称“%s”对应 %zu 个资金来源：%s；请写全名称，或在台账中加上来源编号列",
                                      text.c_str(), found->size(), labels(*found).c_str()));
  }
  std::string message = "\x01" + (project ? Tr("没有名称为“%s”的项目（也不是项目编号）", text.c_str())
                                          // TRANSLATORS: 文号 is a funding source's document number.
                                          : Tr("没有名称或文号为“%s”的资金来源（也不是来源编号）", text.c_str()));
  if (!similar.empty()) message += Tr("；名称相近的有：%s", labels(similar).c_str());
  return message;
}

const std::string& Importer::NameMatch(const std::string& text, bool project) {
  std::string key = std::string(project ? "p" : "s") + text;
  auto it = nameMemo_.find(key);
  if (it == nameMemo_.end()) it = nameMemo_.emplace(key, NameCandidates(text, project)).first;
  return it->second;
}

std::string Importer::LookUpName(Row& r, size_t col, const std::string& text, bool project) {
  const std::string& match = NameMatch(text, project);
  if (!match.empty() && match[0] == '\x01') {
    if (!broken_.count(project ? Table::Projects : Table::Sources)) r.Fail(col, match.substr(1));
    return "";
  }
  return match;
}

// TRANSLATORS: an amount in 万元 (ten thousand yuan) in a message: "1,234.50 万元".
std::string Wan(Money m) { return Tr("%s 万元", m.FormatWan(2, 6).c_str()); }

// "金额：数据库 1,248.00 万元，台账 1,250.00 万元" for every field that differs.
std::string PaymentDifference(const PaymentInfo& stored, const PaymentInfo& file) {
  std::vector<std::string> d;
  // `what` is a field's name marked with TrNoopC("field", …).
  auto text = [&](const char* what, const std::string& a, const std::string& b) {
    // TRANSLATORS: a field, then its value in the database and in the ledger (台账).
    if (a != b) d.push_back(Tr("%s：数据库“%s”，台账“%s”", TrC("field", what).c_str(), a.c_str(), b.c_str()));
  };
  const Payment &a = stored.payment, &b = file.payment;
  text(TrNoopC("field", "项目编号"), stored.project, file.project);
  text(TrNoopC("field", "合同编号"), stored.contract, file.contract);
  text(TrNoopC("field", "来源编号"), stored.source, file.source);
  if (a.category != b.category)
    text(TrNoopC("field", "费用类别"), Named(a.category), Named(b.category));
  text(TrNoopC("field", "拨付日期"), FormatDate(a.date), FormatDate(b.date));
  // TRANSLATORS: the amount in the database, then in the ledger (台账).
  if (a.amount != b.amount) d.push_back(Tr("金额：数据库 %s，台账 %s", Wan(a.amount).c_str(), Wan(b.amount).c_str()));
  if (a.kind != b.kind) text(TrNoopC("field", "款项性质"), Named(a.kind), Named(b.kind));
  text(TrNoopC("field", "收款单位"), a.payee, b.payee);
  text(TrNoopC("field", "冲销凭证号"), stored.reverses, file.reverses);
  text(TrNoopC("field", "备注"), a.note, b.note);
  return Join(d, Tr("；"));
}

// ---- phase 2: tables ----------------------------------------------------------------

void Importer::Counties(const InputFile& f, TableCounts& n) {
  enum { kCode, kName };
  std::unordered_map<std::string, size_t> seen(f.count * 2);
  std::set<std::string> inFile;
  for (size_t i = 0; const CsvRecord* next = RowAt(f, i); ++i) {
    const CsvRecord& rec = *next;
    if (!Tick()) return;
    Row r(*this, f, rec);
    std::string code = r.Required(kCode);
    if (code.empty() || !r.FirstInFile(seen, code, kCode, [&] { return Tr("行政区划代码“%s”", code.c_str()); })) continue;
    inFile.insert(code);
    auto it = counties_.find(code);
    const bool exists = it != counties_.end();
    County c = exists ? it->second : County{code, "", 0};
    c.name = r.Required(kName);
    r.Check(c);
    bool same = exists && c.name == it->second.name;
    if (exists && !same && !options_.update)
      r.Fail(kName, Exists(Tr("县（区）“%s %s”", code.c_str(), it->second.name.c_str())));
    Write(r, [&] {
      if (!exists) {
        storage::InsertCounty(db_, c);
        ++n.inserted;
      } else if (same) {
        ++n.unchanged;
      } else {
        storage::RenameCounty(db_, c);
        ++n.updated;
      }
    });
    counties_[code] = c;
  }
  // Into an empty database the file's counties are its counties: the one it was made with
  // (init's, or the placeholder 000000) goes, so that the next export is the same file.
  if (emptyDatabase_ && !inFile.empty() && Writing()) {
    for (auto it = counties_.begin(); it != counties_.end();) {
      if (inFile.count(it->first)) {
        ++it;
        continue;
      }
      try {
        storage::DeleteCounty(db_, it->first);
      } catch (const Error& e) {
        AddProblem(f.path, 0, "", e.detail());
      }
      it = counties_.erase(it);
    }
  }
}

void Importer::SetCounty(Row& r, size_t col, std::string& target, bool exists, const char* what) {
  std::string code = r.Trimmed(col);
  if (code.empty()) {
    if (exists) return;
    if (counties_.size() == 1) {
      target = counties_.begin()->first;
      return;
    }
    std::vector<std::string> codes;
    for (const auto& [c, county] : counties_) codes.push_back(c + " " + county.name);
    // TRANSLATORS: how many counties the database holds, them, then what must name one
    // (项目, 资金来源).
    r.Fail(col, Tr("本数据库有 %zu 个县（区）（%s），每个%s都要填写所属县（区）的行政区划代码", counties_.size(),
                   ListOf(codes).c_str(), TrC("row", what).c_str()));
    return;
  }
  if (!counties_.count(code)) {
    std::vector<std::string> codes;
    for (const auto& [c, county] : counties_) codes.push_back(c + " " + county.name);
    // TRANSLATORS: the code in the file, then the database's counties. "county set 代码 名称"
    // is a command line: its words 代码 名称 stand for the code and the name.
    r.Fail(col, Tr("“%s”不是本数据库的县（区）（有：%s）；新的县（区）先用 schoolbuild-cli county set 代码 名称 添加，或随 counties.csv 一起导入",
                   code.c_str(), ListOf(codes).c_str()));
    return;
  }
  target = code;
}

bool SameProject(const Project& a, const Project& b) {
  return std::tie(a.name, a.school, a.township, a.stage, a.category, a.nature, a.floorArea,
                  a.plannedStart, a.plannedFinish, a.actualStart, a.actualFinish, a.status, a.programme, a.note,
                  a.countyCode) ==
         std::tie(b.name, b.school, b.township, b.stage, b.category, b.nature, b.floorArea,
                  b.plannedStart, b.plannedFinish, b.actualStart, b.actualFinish, b.status, b.programme, b.note,
                  b.countyCode);
}

void Importer::Projects(const InputFile& f, TableCounts& n) {
  enum { kCode, kName, kSchool, kTownship, kStage, kCategory, kNature, kArea, kPlannedStart,
         kPlannedFinish, kActualStart, kActualFinish, kStatus, kProgramme, kNote, kCounty };
  std::unordered_map<std::string, size_t> seen(f.count * 2);
  for (size_t i = 0; const CsvRecord* next = RowAt(f, i); ++i) {
    const CsvRecord& rec = *next;
    if (!Tick()) return;
    Row r(*this, f, rec);
    std::string code = r.Required(kCode);
    if (code.empty() || !r.FirstInFile(seen, code, kCode, [&] { return Tr("项目编号“%s”", code.c_str()); })) continue;
    auto it = projects_.find(code);
    bool exists = it != projects_.end();
    if (exists && !options_.update && !f.ledger) r.Fail(kCode, Exists(Tr("项目“%s”", code.c_str())));
    Project p = exists ? it->second : Project{};
    p.code = code;
    r.SetText(kName, p.name);
    r.SetText(kSchool, p.school);
    r.SetText(kTownship, p.township);
    r.SetEnum(kStage, p.stage);
    r.SetEnum(kCategory, p.category);
    r.SetEnum(kNature, p.nature);
    if (r.Has(kArea))
      if (auto a = r.Parse<Area>(kArea, [&] { return Area::Parse(r.Trimmed(kArea)); })) p.floorArea = *a;
    r.SetOptionalDate(kPlannedStart, p.plannedStart);
    r.SetOptionalDate(kPlannedFinish, p.plannedFinish);
    r.SetOptionalDate(kActualStart, p.actualStart);
    r.SetOptionalDate(kActualFinish, p.actualFinish);
    r.SetEnum(kStatus, p.status);
    r.SetText(kProgramme, p.programme);
    r.SetText(kNote, p.note);
    SetCounty(r, kCounty, p.countyCode, exists, TrNoopC("row", "项目"));
    r.Check(p);
    bool wrote = Write(r, [&] {
      if (!exists) {
        insert_->Insert(p);
        ++n.inserted;
      } else if (SameProject(p, it->second)) {
        ++n.unchanged;
        if (f.ledger) f.alreadyThere.push_back(r.line());
      } else {
        RefuseChange(f, [&] { return Tr("项目“%s”", code.c_str()); });
        storage::UpdateProject(db_, p);
        ++n.updated;
      }
    });
    if (!wrote && p.id == 0) p.id = Placeholder();
    projectCode_[p.id] = code;
    projects_[code] = std::move(p);
  }
}

void Importer::Budget(const InputFile& f, TableCounts& n) {
  enum { kProject, kCategory, kAmount };
  std::unordered_map<std::string, size_t> seen(f.count * 2);
  for (size_t i = 0; const CsvRecord* next = RowAt(f, i); ++i) {
    const CsvRecord& rec = *next;
    if (!Tick()) return;
    Row r(*this, f, rec);
    std::string code = r.Required(kProject);
    Project* project = FindProject(r, kProject, code);
    if (project) code = project->code;
    auto category = r.Enum<CostCategory>(kCategory);
    auto amount = r.Amount(kAmount);
    if (!project || !category || !amount) continue;
    std::string key = Key({code, Name(*category)});
    // TRANSLATORS: a project's code, then a cost category of its budget.
    auto what = [&] { return Tr("项目“%s”的概算“%s”", code.c_str(), Named(*category).c_str()); };
    if (!r.FirstInFile(seen, key, kCategory, what)) continue;
    auto it = budget_.find(key);
    bool exists = it != budget_.end();
    if (exists && !options_.update && !f.ledger) r.Fail(kCategory, Exists(what()));
    BudgetLine line = exists ? it->second : BudgetLine{};
    line.projectId = project->id;
    line.category = *category;
    line.amount = *amount;
    r.Check(line);
    Write(r, [&] {
      if (!exists) {
        insert_->Insert(line);
        ++n.inserted;
      } else if (line.amount == it->second.amount) {
        ++n.unchanged;
        if (f.ledger) f.alreadyThere.push_back(r.line());
      } else {
        RefuseChange(f, what);
        storage::SaveBudgetLine(db_, line);
        ++n.updated;
      }
    });
    budget_[key] = line;
  }
}

bool SameSource(const FundingSource& a, const FundingSource& b) {
  return std::tie(a.name, a.kind, a.year, a.amount, a.docNo, a.eligible, a.note, a.countyCode) ==
         std::tie(b.name, b.kind, b.year, b.amount, b.docNo, b.eligible, b.note, b.countyCode);
}

void Importer::Sources(const InputFile& f, TableCounts& n) {
  enum { kCode, kName, kKind, kYear, kAmount, kDocNo, kEligible, kNote, kCounty };
  std::unordered_map<std::string, size_t> seen(f.count * 2);
  for (size_t i = 0; const CsvRecord* next = RowAt(f, i); ++i) {
    const CsvRecord& rec = *next;
    if (!Tick()) return;
    Row r(*this, f, rec);
    std::string code = r.Required(kCode);
    if (code.empty() || !r.FirstInFile(seen, code, kCode, [&] { return Tr("来源编号“%s”", code.c_str()); })) continue;
    auto it = sources_.find(code);
    bool exists = it != sources_.end();
    if (exists && !options_.update && !f.ledger) r.Fail(kCode, Exists(Tr("资金来源“%s”", code.c_str())));
    FundingSource s = exists ? it->second : FundingSource{};
    s.code = code;
    r.SetText(kName, s.name);
    if (std::string kind = r.Required(kKind); !kind.empty()) {
      if (std::find(fundKinds_.begin(), fundKinds_.end(), kind) == fundKinds_.end())
        // TRANSLATORS: the kind in the file, then the kinds it may be (as the file must write them).
        r.Fail(kKind, Tr("来源类型“%s”不是规定的取值（可选：%s）", kind.c_str(), ListOf(fundKinds_).c_str()));
      s.kind = kind;
      // Without the column a new source may pay for what its kind usually may.
      if (!exists && !r.Has(kEligible)) s.eligible = kindEligible_[kind];
    }
    if (std::string year = r.Required(kYear); !year.empty())
      if (auto y = r.Parse<int>(kYear, [&] { return ParseYear(year); })) s.year = *y;
    if (auto a = r.Amount(kAmount)) s.amount = *a;
    r.SetText(kDocNo, s.docNo);
    if (r.Has(kEligible))
      if (auto e = r.Parse<CategorySet>(kEligible, [&] {
            return CategorySet::Parse(r.Trimmed(kEligible), CategorySet());
          }))
        s.eligible = *e;
    r.SetText(kNote, s.note);
    SetCounty(r, kCounty, s.countyCode, exists, TrNoopC("row", "资金来源"));
    r.CheckWith([&] { sb::Check(s, SourceContext{exists ? sourceAllocated_[s.id] : Money()}); });
    bool wrote = Write(r, [&] {
      if (!exists) {
        insert_->Insert(s);
        ++n.inserted;
      } else if (SameSource(s, it->second)) {
        ++n.unchanged;
        if (f.ledger) f.alreadyThere.push_back(r.line());
      } else {
        RefuseChange(f, [&] { return Tr("资金来源“%s”", code.c_str()); });
        storage::UpdateSource(db_, s);
        ++n.updated;
      }
    });
    if (!wrote && s.id == 0) s.id = Placeholder();
    sourceCode_[s.id] = code;
    sources_[code] = std::move(s);
  }
}

void Update(storage::Database& db, Allocation& a) { storage::UpdateAllocation(db, a); }
void Update(storage::Database& db, Receipt& r) { storage::UpdateReceipt(db, r); }

template <class T, class CheckFn>
void Importer::MoneyRows(const InputFile& f, TableCounts& n,
                         std::unordered_map<std::string, T>& existing, const char* what,
                         CheckFn check) {
  enum { kProject, kSource, kAmount, kDate, kNote };
  std::unordered_map<std::string, size_t> seen(f.count * 2);
  for (size_t i = 0; const CsvRecord* next = RowAt(f, i); ++i) {
    const CsvRecord& rec = *next;
    if (!Tick()) return;
    Row r(*this, f, rec);
    std::string projectCode = r.Required(kProject);
    Project* project = FindProject(r, kProject, projectCode);
    if (project) projectCode = project->code;
    std::string sourceCode = r.Required(kSource);
    FundingSource* source = FindSource(r, kSource, sourceCode);
    if (source) sourceCode = source->code;
    auto amount = r.Amount(kAmount);
    auto date = r.RequiredDate(kDate);
    if (!project || !source || !amount || !date) continue;
    std::string key = Key({projectCode, sourceCode, FormatDate(*date)});
    // TRANSLATORS: 资金下达 or 资金到位, then the project's code, the source's code and the date.
    auto label = [&] { return Tr("%s（项目“%s”、来源“%s”、%s）", TrC("row", what).c_str(), projectCode.c_str(), sourceCode.c_str(),
                                 FormatDate(*date).c_str()); };
    if (!r.FirstInFile(seen, key, kDate, label)) continue;
    auto it = existing.find(key);
    bool exists = it != existing.end();
    if (exists && !options_.update && !f.ledger) r.Fail(kDate, Exists(label()));
    T row = exists ? it->second : T{};
    Money old = exists ? it->second.amount : Money();
    row.projectId = project->id;
    row.sourceId = source->id;
    row.amount = *amount;
    row.date = *date;
    r.SetText(kNote, row.note);
    r.Check(row);
    r.CheckWith([&] { check(row, *source, old); });
    Write(r, [&] {
      if (!exists) {
        insert_->Insert(row);
        ++n.inserted;
      } else if (row.amount == it->second.amount && row.note == it->second.note) {
        ++n.unchanged;
        if (f.ledger) f.alreadyThere.push_back(r.line());
      } else {
        RefuseChange(f, label);
        Update(db_, row);
        ++n.updated;
      }
    });
    existing[key] = row;
  }
}

void Importer::Allocations(const InputFile& f, TableCounts& n) {
  MoneyRows(f, n, allocations_, TrNoopC("row", "资金下达"), [this](const Allocation& a, const FundingSource& s, Money old) {
    Flow& flow = flows_[{a.projectId, a.sourceId}];
    AllocationContext c;
    c.source = &s;
    c.allocatedElsewhere = sourceAllocated_[s.id] - old;
    c.allocatedForProjectElsewhere = flow.allocated - old;
    c.receivedForProject = flow.received;
    sb::Check(a, c, options_.limits);
    sourceAllocated_[s.id] += a.amount - old;
    flow.allocated += a.amount - old;
    if (!flow.firstAllocation || a.date < *flow.firstAllocation) flow.firstAllocation = a.date;
  });
}

void Importer::Receipts(const InputFile& f, TableCounts& n) {
  MoneyRows(f, n, receipts_, TrNoopC("row", "资金到位"), [this](const Receipt& r, const FundingSource& s, Money old) {
    Flow& flow = flows_[{r.projectId, r.sourceId}];
    ReceiptContext c;
    c.source = &s;
    c.allocatedForProject = flow.allocated;
    c.receivedForProjectElsewhere = flow.received - old;
    c.firstAllocation = flow.firstAllocation;
    sb::Check(r, c, options_.limits);
    flow.received += r.amount - old;
  });
}

void Importer::Procedures(const InputFile& f, TableCounts& n) {
  enum { kProject, kStep, kStatus, kPlanned, kDone, kDocNo, kExtensions, kNote };
  std::unordered_map<std::string, size_t> seen(f.count * 2);
  for (size_t i = 0; const CsvRecord* next = RowAt(f, i); ++i) {
    const CsvRecord& rec = *next;
    if (!Tick()) return;
    Row r(*this, f, rec);
    std::string code = r.Required(kProject);
    Project* project = FindProject(r, kProject, code);
    if (project) code = project->code;
    std::string stepName = r.Required(kStep);
    const ProcedureTemplateStep* templ = nullptr;
    if (!stepName.empty()) {
      auto t = template_.find(stepName);
      if (t == template_.end())
        // TRANSLATORS: the procedure in the file, then the county's procedures (as the file
        // must write them).
        r.Fail(kStep, Tr("手续“%s”不是前期手续模板中的名称（可选：%s）", stepName.c_str(), ListOf(templateNames_).c_str()));
      else
        templ = &t->second;
    }
    auto status = r.Enum<StepStatus>(kStatus);
    if (!project || !templ || !status) continue;
    std::string key = Key({code, stepName});
    auto what = [&] { return Tr("项目“%s”的手续“%s”", code.c_str(), stepName.c_str()); };
    if (!r.FirstInFile(seen, key, kStep, what)) continue;
    auto it = steps_.find(key);
    bool exists = it != steps_.end();
    if (exists && !options_.update && !f.ledger) r.Fail(kStep, Exists(what()));
    ProcedureStep s = exists ? it->second : ProcedureStep{};
    s.projectId = project->id;
    s.templateId = templ->id;
    s.status = *status;
    r.SetOptionalDate(kPlanned, s.plannedDate);
    r.SetOptionalDate(kDone, s.doneDate);
    r.SetText(kDocNo, s.docNo);
    if (r.Has(kExtensions)) {
      std::string e = r.Trimmed(kExtensions);
      if (e.empty())
        s.extensions = 0;
      else if (e.size() == 1 && e[0] >= '0' && e[0] <= '9')
        s.extensions = e[0] - '0';
      else
        // TRANSLATORS: the text in the file; a permit is extended at most twice.
        r.Fail(kExtensions, Tr("“%s”不是延期次数（0、1 或 2）", e.c_str()));
    }
    r.SetText(kNote, s.note);
    r.CheckWith([&] { sb::Check(s, options_.limits); });
    Write(r, [&] {
      const ProcedureStep* old = exists ? &it->second : nullptr;
      if (!old) {
        insert_->Insert(s);
        ++n.inserted;
      } else if (std::tie(s.status, s.plannedDate, s.doneDate, s.docNo, s.extensions, s.note) ==
                 std::tie(old->status, old->plannedDate, old->doneDate, old->docNo, old->extensions, old->note)) {
        ++n.unchanged;
        if (f.ledger) f.alreadyThere.push_back(r.line());
      } else {
        RefuseChange(f, what);
        storage::SaveProcedureStep(db_, s);
        ++n.updated;
      }
    });
    steps_[key] = s;
  }
}

void Importer::Progress(const InputFile& f, TableCounts& n) {
  enum { kProject, kMonth, kPercent, kInvested, kDescription, kProblems, kNextSteps };
  std::unordered_map<std::string, size_t> seen(f.count * 2);
  for (size_t i = 0; const CsvRecord* next = RowAt(f, i); ++i) {
    const CsvRecord& rec = *next;
    if (!Tick()) return;
    Row r(*this, f, rec);
    std::string code = r.Required(kProject);
    Project* project = FindProject(r, kProject, code);
    if (project) code = project->code;
    std::optional<YearMonth> month;
    if (std::string m = r.Required(kMonth); !m.empty())
      month = r.Parse<YearMonth>(kMonth, [&] { return YearMonth::Parse(m); });
    std::optional<Percent> percent;
    if (std::string p = r.Required(kPercent); !p.empty())
      percent = r.Parse<Percent>(kPercent, [&] { return Percent::Parse(p); });
    auto invested = r.Amount(kInvested);
    if (!project || !month || !percent || !invested) continue;
    std::string key = Key({code, month->Format()});
    // TRANSLATORS: a project's code, then a month (2026-05).
    auto what = [&] { return Tr("项目“%s”%s 的进度", code.c_str(), month->Format().c_str()); };
    if (!r.FirstInFile(seen, key, kMonth, what)) continue;
    auto it = progress_.find(key);
    bool exists = it != progress_.end();
    if (exists && !options_.update && !f.ledger) r.Fail(kMonth, Exists(what()));
    ProgressEntry e = exists ? it->second : ProgressEntry{};
    e.projectId = project->id;
    e.month = *month;
    e.percent = *percent;
    e.invested = *invested;
    r.SetText(kDescription, e.description);
    r.SetText(kProblems, e.problems);
    r.SetText(kNextSteps, e.nextSteps);
    r.CheckWith([&] { sb::Check(e, options_.limits); });
    Write(r, [&] {
      const ProgressEntry* old = exists ? &it->second : nullptr;
      if (!old) {
        insert_->Insert(e);
        ++n.inserted;
      } else if (std::tie(e.percent, e.invested, e.description, e.problems, e.nextSteps) ==
                 std::tie(old->percent, old->invested, old->description, old->problems, old->nextSteps)) {
        ++n.unchanged;
        if (f.ledger) f.alreadyThere.push_back(r.line());
      } else {
        RefuseChange(f, what);
        storage::SaveProgress(db_, e);
        ++n.updated;
      }
    });
    progress_[key] = e;
  }
}

void Importer::Contracts(const InputFile& f, TableCounts& n) {
  enum { kCode, kProject, kKind, kCounterparty, kAmount, kSigned, kAdvance, kRetention, kProcurement,
         kAwardNo, kRecoverFrom, kRecoverTo, kNote };
  std::unordered_map<std::string, size_t> seen(f.count * 2);
  for (size_t i = 0; const CsvRecord* next = RowAt(f, i); ++i) {
    const CsvRecord& rec = *next;
    if (!Tick()) return;
    Row r(*this, f, rec);
    std::string code = r.Required(kCode);
    std::string projectCode = r.Required(kProject);
    Project* project = FindProject(r, kProject, projectCode);
    if (project) projectCode = project->code;
    if (code.empty() || !r.FirstInFile(seen, code, kCode, [&] { return Tr("合同编号“%s”", code.c_str()); })) continue;
    auto it = contracts_.find(code);
    bool exists = it != contracts_.end();
    if (exists && !options_.update && !f.ledger) r.Fail(kCode, Exists(Tr("合同“%s”", code.c_str())));
    ContractInfo info = exists ? it->second : ContractInfo{};
    Contract& c = info.contract;
    c.code = code;
    if (project) {
      if (exists && info.project != projectCode && contractsWithPayments_.count(c.id))
        // TRANSLATORS: the contract, the project it belongs to, then the project in the file.
        r.Fail(kProject, Tr("合同“%s”已有拨付，不能从项目“%s”改到“%s”", code.c_str(), info.project.c_str(),
                            projectCode.c_str()));
      c.projectId = project->id;
      info.project = projectCode;
    }
    r.SetEnum(kKind, c.kind);
    r.SetText(kCounterparty, c.counterparty);
    if (auto a = r.Amount(kAmount)) c.amount = *a;
    r.SetOptionalDate(kSigned, c.signedDate);
    auto rate = [&](size_t col, int64_t max, const char* what, Rate& target) {
      if (!r.Has(col)) return;
      std::string s = r.Trimmed(col);
      if (s.empty()) {
        target = Rate();
        return;
      }
      if (auto v = r.Parse<Rate>(col, [&] { return Rate::Parse(s, max, what); })) target = *v;
    };
    rate(kAdvance, kMaxAdvanceBp, TrNoopC("field", "预付款比例(%)"), c.advanceRate);
    // Empty: the contract states none (the county default applies); 0 is a stated 0%.
    if (r.Has(kRetention)) {
      std::string s = r.Trimmed(kRetention);
      if (s.empty())
        c.retentionRate.reset();
      else if (auto v = r.Parse<Rate>(kRetention, [&] { return Rate::Parse(s, kMaxRetentionBp, TrNoopC("field", "质保金比例(%)")); }))
        c.retentionRate = *v;
    }
    if (r.Has(kProcurement)) {
      std::string s = r.Trimmed(kProcurement);
      if (s.empty())
        c.procurement.reset();
      else if (auto v = r.Parse<Procurement>(kProcurement, [&] { return ParseEnum<Procurement>(s); }))
        c.procurement = *v;
    }
    r.SetText(kAwardNo, c.awardNo);
    auto point = [&](size_t col, std::optional<Percent>& target) {
      if (!r.Has(col)) return;
      std::string s = r.Trimmed(col);
      if (s.empty())
        target.reset();
      else if (auto v = r.Parse<Percent>(col, [&] { return Percent::Parse(s); }))
        target = *v;
    };
    point(kRecoverFrom, c.advanceRecoverFrom);
    point(kRecoverTo, c.advanceRecoverTo);
    r.SetText(kNote, c.note);
    if (project) r.Check(c);
    bool wrote = Write(r, [&] {
      if (!project) return;
      const ContractInfo* old = exists ? &it->second : nullptr;
      if (!old) {
        insert_->Insert(c);
        ++n.inserted;
      } else if (std::tie(info.project, c.kind, c.counterparty, c.amount, c.signedDate, c.advanceRate,
                          c.retentionRate, c.procurement, c.awardNo, c.advanceRecoverFrom,
                          c.advanceRecoverTo, c.note) ==
                 std::tie(old->project, old->contract.kind, old->contract.counterparty,
                          old->contract.amount, old->contract.signedDate, old->contract.advanceRate,
                          old->contract.retentionRate, old->contract.procurement, old->contract.awardNo,
                          old->contract.advanceRecoverFrom, old->contract.advanceRecoverTo,
                          old->contract.note)) {
        ++n.unchanged;
        if (f.ledger) f.alreadyThere.push_back(r.line());
      } else {
        RefuseChange(f, [&] { return Tr("合同“%s”", code.c_str()); });
        storage::UpdateContract(db_, c);
        ++n.updated;
      }
    });
    if (!wrote && c.id == 0) c.id = Placeholder();
    contractCode_[c.id] = code;
    contracts_[code] = std::move(info);
  }
}

void Importer::Payments(const InputFile& f, TableCounts& n) {
  enum { kProject, kContract, kSource, kCategory, kDate, kAmount, kKind, kVoucher, kPayee,
         kReverses, kNote };
  std::unordered_map<std::string, size_t> seen(f.count * 2);
  payments_.reserve(payments_.size() + f.count);
  for (size_t i = 0; const CsvRecord* next = RowAt(f, i); ++i) {
    const CsvRecord& rec = *next;
    if (!Tick()) return;
    Row r(*this, f, rec);
    PaymentInfo info;
    Payment& p = info.payment;
    info.project = r.Required(kProject);
    Project* project = FindProject(r, kProject, info.project);
    if (project) info.project = project->code;
    info.contract = r.Trimmed(kContract);
    ContractInfo* contract = FindContract(r, kContract, info.contract);
    info.source = r.Required(kSource);
    FundingSource* source = FindSource(r, kSource, info.source);
    if (source) info.source = source->code;
    // A ledger may leave the category to the contract's kind (施工 → 建安工程 …).
    bool categoryFromContract = f.ledger && (!r.Has(kCategory) || r.Trimmed(kCategory).empty());
    std::optional<CostCategory> category;
    if (!categoryFromContract) category = r.Enum<CostCategory>(kCategory);
    auto date = r.RequiredDate(kDate);
    auto amount = r.Amount(kAmount);
    auto kind = r.Enum<PaymentKind>(kKind);
    p.voucher = r.Required(kVoucher);
    p.payee = r.Text(kPayee);
    info.reverses = r.Trimmed(kReverses);
    p.note = r.Text(kNote);
    // A ledger without a contract column: the project's contract whose counterparty is
    // the payee, when exactly one is (none: a payment without contract, e.g. land).
    if (f.ledger && !r.Has(kContract) && project && !p.payee.empty()) {
      std::vector<ContractInfo*> matches;
      std::string payee = NormalName(p.payee);
      for (auto& [code, c] : contracts_)
        if (c.project == info.project && NormalName(c.contract.counterparty) == payee) matches.push_back(&c);
      if (matches.size() == 1) {
        contract = matches[0];
        info.contract = contract->contract.code;
      } else if (matches.size() > 1) {
        std::vector<std::string> codes;
        for (auto* c : matches) codes.push_back(c->contract.code);
        std::sort(codes.begin(), codes.end());
        // TRANSLATORS: the payee, the project, how many of its contracts have that payee, then them.
        r.Fail(kPayee, Tr("收款单位“%s”在项目“%s”有 %zu 份合同（%s），无法确定是哪一份；请在台账中加上合同编号列",
                          p.payee.c_str(), info.project.c_str(), codes.size(), ListOf(codes).c_str()));
      }
    }
    if (categoryFromContract && project) {
      if (contract)
        category = ContractCategory(contract->contract.kind);
      else
        r.Fail(kCategory, Tr("没有费用类别，也没有可据以推定的合同（收款单位不是本项目任何合同的乙方）；请填写费用类别"));
    }
    if (p.voucher.empty() || !r.FirstInFile(seen, p.voucher, kVoucher, [&] { return Tr("凭证号“%s”", p.voucher.c_str()); }))
      continue;
    if (!project || !source || !category || !date || !amount || !kind ||
        (!info.contract.empty() && !contract))
      continue;
    p.projectId = project->id;
    p.sourceId = source->id;
    if (contract) p.contractId = contract->contract.id;
    p.category = *category;
    p.date = *date;
    p.amount = *amount;
    p.kind = *kind;

    auto it = payments_.find(p.voucher);
    bool exists = it != payments_.end();
    PaymentInfo* original = nullptr;
    if (!info.reverses.empty()) {
      auto o = payments_.find(info.reverses);
      if (o == payments_.end()) {
        r.Fail(kReverses, Tr("要冲销的凭证号“%s”在数据库和本文件前面的行中都找不到（原拨付须写在冲销之前）",
                             info.reverses.c_str()));
      } else {
        original = &o->second;
        p.reversesId = original->payment.id;
      }
    }
    bool same = exists && info.Tie() == it->second.Tie();
    if (f.ledger && exists && !same) {
      // TRANSLATORS: the voucher, what differs, then the voucher again (the reversal names it).
      r.Fail(kVoucher, Tr("凭证号“%s”的拨付已导入过，但与数据库中的不同（%s）；已入账的拨付不能修改：如确有错误，请录入一笔红字冲销（冲销凭证号填“%s”），再以新的凭证号录入正确的拨付",
                          p.voucher.c_str(), PaymentDifference(it->second, info).c_str(), p.voucher.c_str()));
      continue;
    }
    if (same && !options_.update && !f.ledger) r.Fail(kVoucher, Exists(Tr("凭证号“%s”的拨付", p.voucher.c_str())));
    if (same) {
      r.Check(p);
    } else {
      // A new row: the same checks as the payment dialog, with the same sentences.
      PaymentContext c;
      if (contract) c.contract = &contract->contract;
      if (original) {
        c.original = &original->payment;
        if (!original->reversedBy.empty()) c.originalReversedBy = original->reversedBy;
      }
      if (exists) c.sameVoucher = &it->second.payment;
      r.CheckWith([&] { sb::Check(p, c, options_.limits); });
    }
    bool wrote = Write(r, [&] {
      if (exists) {
        ++n.unchanged;
        if (f.ledger) f.alreadyThere.push_back(r.line());
        return;
      }
      insert_->Insert(p);
      if (p.contractId) contractsWithPayments_.insert(*p.contractId);
      ++n.inserted;
    });
    if (exists) continue;
    if (!wrote) p.id = Placeholder();
    if (original) original->reversedBy = p.voucher;
    if (wrote) paymentsWritten_.push_back(p.voucher);
    payments_.emplace(p.voucher, std::move(info));
  }
}

void Importer::Plans(const InputFile& f, TableCounts& n) {
  enum { kProject, kYear, kAmount, kNote };
  std::unordered_map<std::string, size_t> seen(f.count * 2);
  for (size_t i = 0; const CsvRecord* next = RowAt(f, i); ++i) {
    const CsvRecord& rec = *next;
    if (!Tick()) return;
    Row r(*this, f, rec);
    std::string code = r.Required(kProject);
    Project* project = FindProject(r, kProject, code);
    if (project) code = project->code;
    std::optional<int> year;
    if (std::string y = r.Required(kYear); !y.empty()) year = r.Parse<int>(kYear, [&] { return ParseYear(y); });
    auto amount = r.Amount(kAmount);
    if (!project || !year || !amount) continue;
    std::string key = Key({code, std::to_string(*year)});
    // TRANSLATORS: a project's code, then the year of its annual plan.
    auto what = [&] { return Tr("项目“%s”%d年的年度计划", code.c_str(), *year); };
    if (!r.FirstInFile(seen, key, kYear, what)) continue;
    auto it = plans_.find(key);
    bool exists = it != plans_.end();
    if (exists && !options_.update && !f.ledger) r.Fail(kYear, Exists(what()));
    AnnualPlan a = exists ? it->second : AnnualPlan{};
    a.projectId = project->id;
    a.year = *year;
    a.amount = *amount;
    r.SetText(kNote, a.note);
    r.Check(a);
    Write(r, [&] {
      if (exists && a.amount == it->second.amount && a.note == it->second.note) {
        ++n.unchanged;
        if (f.ledger) f.alreadyThere.push_back(r.line());
        return;
      }
      if (exists) RefuseChange(f, what);
      storage::SaveAnnualPlan(db_, a);
      ++(exists ? n.updated : n.inserted);
    });
    plans_[key] = a;
  }
}

void Importer::ContractProgressRows(const InputFile& f, TableCounts& n) {
  enum { kContract, kMonth, kPercent, kNote };
  std::unordered_map<std::string, size_t> seen(f.count * 2);
  for (size_t i = 0; const CsvRecord* next = RowAt(f, i); ++i) {
    const CsvRecord& rec = *next;
    if (!Tick()) return;
    Row r(*this, f, rec);
    std::string code = r.Required(kContract);
    ContractInfo* contract = FindContract(r, kContract, code);
    std::optional<YearMonth> month;
    if (std::string m = r.Required(kMonth); !m.empty())
      month = r.Parse<YearMonth>(kMonth, [&] { return YearMonth::Parse(m); });
    std::optional<Percent> percent;
    if (std::string p = r.Required(kPercent); !p.empty())
      percent = r.Parse<Percent>(kPercent, [&] { return Percent::Parse(p); });
    if (!contract || !month || !percent) continue;
    std::string key = Key({code, month->Format()});
    // TRANSLATORS: a contract's code, then a month (2026-05).
    auto what = [&] { return Tr("合同“%s”%s 的进度", code.c_str(), month->Format().c_str()); };
    if (!r.FirstInFile(seen, key, kMonth, what)) continue;
    auto it = contractProgress_.find(key);
    bool exists = it != contractProgress_.end();
    if (exists && !options_.update && !f.ledger) r.Fail(kMonth, Exists(what()));
    ContractProgress e = exists ? it->second : ContractProgress{};
    e.contractId = contract->contract.id;
    e.projectId = contract->contract.projectId;
    e.month = *month;
    e.percent = *percent;
    r.SetText(kNote, e.note);
    r.CheckWith([&] { sb::Check(e, contract->contract, options_.limits); });
    Write(r, [&] {
      if (exists && e.percent == it->second.percent && e.note == it->second.note) {
        ++n.unchanged;
        if (f.ledger) f.alreadyThere.push_back(r.line());
        return;
      }
      if (exists) RefuseChange(f, what);
      storage::SaveContractProgress(db_, e);
      ++(exists ? n.updated : n.inserted);
    });
    contractProgress_[key] = e;
  }
}

// ---- the whole run --------------------------------------------------------------------

void Importer::Run(const std::vector<std::string>& paths) {
  CollectFiles(paths);
  for (auto& f : files_) {
    LoadFile(f);
    if (f.broken) broken_.insert(f.table);
    total_ += f.count;
  }
  if (options_.progress && !options_.progress(0, total_)) {
    result_.cancelled = true;
    return;
  }
  try {
    // The caller (src/app) holds the transaction and commits only when nothing is wrong.
    LoadReference();
    insert_ = std::make_unique<storage::BulkInserter>(db_);
    insert_->ExpectRows("history", total_);  // an entry for every row written
    for (const auto& f : files_) {
      TableCounts n;
      n.table = f.table;
      n.file = f.path;
      if (!f.broken) {
        switch (f.table) {
          case Table::Counties: Counties(f, n); break;
          case Table::Projects: Projects(f, n); break;
          case Table::Budget: Budget(f, n); break;
          case Table::Sources: Sources(f, n); break;
          case Table::Allocations: Allocations(f, n); break;
          case Table::Receipts: Receipts(f, n); break;
          case Table::Procedures: Procedures(f, n); break;
          case Table::Progress: Progress(f, n); break;
          case Table::Contracts: Contracts(f, n); break;
          case Table::Payments:
            insert_->ExpectRows("payments", f.count);
            Payments(f, n);
            break;
          case Table::Plans: Plans(f, n); break;
          case Table::ContractProgress: ContractProgressRows(f, n); break;
        }
      }
      SendWritten(f);
      n.rows = f.count;
      if (!f.alreadyThere.empty()) {
        std::vector<std::string> lines;
        for (size_t i = 0; i < f.alreadyThere.size() && i < 12; ++i) lines.push_back(std::to_string(f.alreadyThere[i]));
        if (f.alreadyThere.size() > 12) lines.push_back("…");
        // TRANSLATORS: how many rows were already stored unchanged, then their lines.
        AddNote(f.path, 0, "", Tr("%zu 行已在数据库中、内容相同，跳过（第 %s 行）", f.alreadyThere.size(),
                                  ListOf(lines).c_str()));
      }
      result_.counts.push_back(n);
      if (cancelled_) {
        result_.cancelled = true;
        return;
      }
    }
    // A dry run and a failed import roll back, and their indexes with them.
    if (Writing() && !options_.dryRun) insert_->Finish();
    insert_.reset();
  } catch (const Error& e) {
    AddProblem("", 0, "", e.detail());
  }
}

}  // namespace

ImportResult Import(storage::Database& db, const std::vector<std::string>& paths,
                    const ImportOptions& options) {
  ImportResult result;
  Importer importer(db, options, result);
  importer.Run(paths);
  if ((result.ProblemCount() > 0 || result.cancelled) && !options.dryRun) result.counts.clear();
  return result;
}

bool IsCsvName(const std::string& name) {
  return name.size() > 4 && LowerAscii(name.substr(name.size() - 4)) == ".csv";
}

std::vector<Table> TablesIn(const std::vector<std::string>& paths, const ImportOptions& options) {
  std::set<Table> tables;
  auto add = [&](const fs::path& p) {
    if (IsWorkbookFileName(p.filename().string())) {
      try {
        for (const auto& t : FindTables(ReadWorkbookFile(p.string()), p.filename().string(), options.workbook).tables)
          tables.insert(t.table);
      } catch (const Error&) {
        // the import itself says what is wrong with the file
      }
      return;
    }
    if (auto t = TableForFileName(p.filename().string())) tables.insert(*t);
  };
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (const auto& entry : fs::directory_iterator(path, ec))
        if (entry.is_regular_file(ec)) add(entry.path());
    } else {
      add(fs::path(path));
    }
  }
  return {tables.begin(), tables.end()};
}

// What --dry-run shows of one sheet: where the table is, each column's field, the first
// rows as they will be imported with their problems, the counts.
std::vector<std::string> DescribeSheet(const ImportResult& result, size_t i) {
  std::ostringstream out;
  const SheetTable& t = result.sheets[i];
  const auto& spec = Spec(t.table);
  std::string label = result.sheetFiles[i] + "[" + t.sheet + "]";
  const std::string table(spec.file.substr(0, spec.file.size() - 4));
  if (t.headerRows == 2)
    // TRANSLATORS: the sheet, the table it holds (项目), its --table name, then the two rows of its header.
    out << Tr("工作表“%s”：%s表（--table %s），表头在第 %zu–%zu 行（两行表头）", t.sheet.c_str(), Title(t.table).c_str(),
              table.c_str(), t.headerRow, t.headerRow + 1);
  else
    // TRANSLATORS: the sheet, the table it holds (项目), its --table name, then the row of its header.
    out << Tr("工作表“%s”：%s表（--table %s），表头在第 %zu 行", t.sheet.c_str(), Title(t.table).c_str(), table.c_str(),
              t.headerRow);
  // TRANSLATORS: the unit a row under the header gives the amounts: 万元 or 元.
  if (t.unitLine) out << Tr("，单位行：%s", (*t.unitLine == MoneyUnit::Wan ? Tr("万元") : Tr("元")).c_str());
  out << "\n  " << Tr("列 → 字段：") << "\n";
  for (const auto& c : t.columns) {
    out << "    " << ColumnLetter(c.fileColumn) << " " << c.header << " → ";
    if (c.field < 0) {
      // TRANSLATORS: why a column of the sheet is not imported (序号, 不认识的列 …).
      out << Tr("（不导入：%s）", c.ignored.c_str()) << "\n";
      continue;
    }
    const auto& col = spec.columns[static_cast<size_t>(c.field)];
    out << CanonicalHeader(col, c.unit);
    if (c.byName) out << Tr("（按名称查找）");
    out << "\n";
  }
  out << "  " << Tr("前 %zu 行（导入时的样子）：", t.rows.size()) << "\n";
  for (const auto& row : t.rows) {
    std::vector<std::string> fields;
    for (size_t f = 0; f < spec.columns.size(); ++f) {
      int pos = t.header.position[f];
      if (pos < 0 || static_cast<size_t>(pos) >= row.cells.size()) continue;
      fields.push_back(std::string(spec.columns[f].zh) + "=" + Trim(row.cells[static_cast<size_t>(pos)].text));
    }
    // TRANSLATORS: a row of the sheet by its number, before its cells (项目编号=LX-01，…).
    out << "    " << Tr("第%zu行", row.line) << "  " << Join(fields, Tr("，")) << "\n";
    for (const auto& p : result.problems)
      if (p.file == label && p.line == row.line)
        out << "      ✗ " << (p.column.empty() ? "" : p.column + Tr("：")) << p.message << "\n";
  }
  size_t rows = 0;
  for (const auto& c : result.counts)
    if (c.file == label) rows = c.rows;
  // TRANSLATORS: the sheet's data rows, total or subtotal rows, and blank rows.
  out << "  " << Tr("数据 %zu 行，合计/小计行 %zu 行，空行 %zu 行", rows, t.totalRows, t.blankRows) << "\n";
  std::vector<std::string> lines;
  std::string text = out.str(), line;
  std::istringstream in(text);
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

}  // namespace sb::exchange
