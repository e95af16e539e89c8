#include "storage/sql_util.h"

#include "core/history.h"
#include "core/translate.h"
#include "storage/database.h"
#include "storage/dialect.h"
#include "storage/repository.h"

namespace sb::storage {

namespace {

using dialect::Failure;

// The refusals of the schema's triggers (db/*.sql), listed for xgettext: the database
// says them in Chinese, the message shows them in the user's language.
[[maybe_unused]] constexpr const char* kTriggerSentences[] = {
    TrNoop("资金来源金额必须是以分为单位的整数"), TrNoop("累计完成投资必须是以分为单位的整数"),
    TrNoop("概算金额必须是以分为单位的整数"), TrNoop("年度计划投资必须是以分为单位的整数"),
    TrNoop("合同金额必须是以分为单位的整数"), TrNoop("到位金额必须是以分为单位的整数"),
    TrNoop("下达金额必须是以分为单位的整数"), TrNoop("拨付金额必须是以分为单位的整数"),
    TrNoop("历史记录只能追加，不能修改"), TrNoop("历史记录不能删除"),
    TrNoop("项目的行政区划代码不在本数据库的县（区）中"), TrNoop("资金来源的行政区划代码不在本数据库的县（区）中"),
    TrNoop("已确认的拨付不能删除，请用红字冲销更正"), TrNoop("已确认的拨付不能修改，请用红字冲销更正"),
    TrNoop("已关账月份不能修改，请先重新打开"), TrNoop("这个县（区）还有项目或资金来源，行政区划代码不能直接修改"),
    TrNoop("这个县（区）还有项目或资金来源，不能删除"), TrNoop("关账记录不能删除"), TrNoop("关账记录不能修改")};

// The sentence for each failure the engine reports; the engine's own text only where
// nothing better is known (Failure::None, Other). `what` is in the user's language
// already ("保存项目“X”").
[[noreturn]] void Translate(const dialect::EngineError& err, const std::string& what,
                            const std::string& otherText) {
  const char* w = what.c_str();
  switch (err.failure) {
    case Failure::UniqueViolation:
      // TRANSLATORS: every "%s失败：…" below: %s says what was being done ("保存项目“X”",
      // "打开数据库 F"), then why the database refused it.
      Fail(ErrorCode::Duplicate, Tr("%s失败：与已有的数据重复（编号或名称已被使用）", w));
    case Failure::ForeignKeyViolation:
      Fail(ErrorCode::Refused, Tr("%s失败：还有数据引用它，或它引用的数据不存在", w));
    case Failure::CheckViolation:
      Fail(ErrorCode::InvalidInput, Tr("%s失败：数据不符合规定（如金额的正负、类别的取值）", w));
    case Failure::TriggerAbort:
      // TRANSLATORS: what was being done, then the database's own refusal (a sentence).
      Fail(ErrorCode::Refused, Tr("%s失败：%s", w, Tr(dialect::TriggerSentence(err.message).c_str()).c_str()));
    case Failure::Busy:
      Fail(ErrorCode::Database, Tr("%s失败：数据库正被其他人使用，请稍后再试", w));
    case Failure::ReadOnly:
      Fail(ErrorCode::Io, Tr("%s失败：数据库文件只读（没有写入权限，或在只读的位置）", w));
    case Failure::PermissionDenied:
      // TRANSLATORS: sb_infra, sb_finance, sb_admin and sb_reader are the names of database
      // roles: keep them as they are.
      Fail(ErrorCode::Refused, Tr("%s失败：数据库服务器拒绝：您的数据库用户没有这项权限（项目、概算、手续和进度由基建股 "
                                  "sb_infra 修改；资金、合同、拨付和月报定稿由计财股 sb_finance 修改；"
                                  "县设置由管理员 sb_admin 修改；领导 sb_reader 只读）",
                                  w));
    case Failure::ConnectionLost:
      Fail(ErrorCode::Io, Tr("%s失败：与数据库服务器的连接中断（网络断开或服务器重启？）；这次修改没有保存，请重新连接后再试", w));
    case Failure::DiskFull:
      Fail(ErrorCode::Io, Tr("%s失败：磁盘已满", w));
    case Failure::NotADatabase:
      Fail(ErrorCode::Database, Tr("%s失败：文件不是校建通数据库或已损坏", w));
    case Failure::CantOpen:
      Fail(ErrorCode::Io, Tr("%s失败：无法打开数据库文件（文件夹不存在或没有权限）", w));
    case Failure::IoError:
      Fail(ErrorCode::Io, Tr("%s失败：读写数据库文件出错（磁盘已满、U 盘被拔出或网络中断？）", w));
    case Failure::Other:
      // TRANSLATORS: what was being done, the engine's own message (English or Chinese, as
      // the engine says it), then its error code.
      Fail(ErrorCode::Database, Tr("%s失败：%s（错误码 %s）", w, err.message.c_str(),
                                   (err.sqlstate.empty() ? std::to_string(err.code) : err.sqlstate).c_str()));
    case Failure::None:
      break;
  }
  Fail(ErrorCode::Database, Tr("%s失败：%s", w, otherText.c_str()));
}

// The engine's failure behind `e`; None for one of our own Errors, which pass unchanged
// (the connection's last error then belongs to an earlier statement, if to any).
Failure FailureOf(soci::session& sql, const std::exception& e) {
  if (dynamic_cast<const Error*>(&e)) return Failure::None;
  return dialect::LastError(sql, e).failure;
}

}  // namespace

void ExecScript(soci::session& sql, const std::string& script, const std::string& what) {
  auto err = dialect::RunScript(sql, script);
  if (err.failure != Failure::None) Translate(err, what, "");
}

void Rethrow(soci::session& sql, const std::exception& e, const std::string& what) {
  if (auto* err = dynamic_cast<const Error*>(&e)) throw *err;
  Translate(dialect::LastError(sql, e), what, e.what());
}

void Rethrow(Database& db, const std::exception& e, const std::string& what) {
  Rethrow(Sql(db), e, what);
}

void RethrowProjectSave(Database& db, const std::exception& e, const Project& p) {
  if (FailureOf(Sql(db), e) == Failure::UniqueViolation)
    Fail(ErrorCode::Duplicate, Tr("项目编号“%s”已存在", p.code.c_str()));
  Rethrow(db, e, Tr("保存项目“%s”", p.code.c_str()));
}

void RethrowSourceSave(Database& db, const std::exception& e, const FundingSource& s) {
  switch (FailureOf(Sql(db), e)) {
    case Failure::UniqueViolation: Fail(ErrorCode::Duplicate, Tr("来源编号“%s”已存在", s.code.c_str()));
    case Failure::ForeignKeyViolation:  // the one reference a source has is its kind
      Fail(ErrorCode::InvalidInput, Tr("来源类型“%s”不存在", s.kind.c_str()));
    default: Rethrow(db, e, Tr("保存资金来源“%s”", s.code.c_str()));
  }
}

void RethrowContractSave(Database& db, const std::exception& e, const Contract& c) {
  if (FailureOf(Sql(db), e) == Failure::UniqueViolation)
    Fail(ErrorCode::Duplicate, Tr("合同编号“%s”已存在", c.code.c_str()));
  Rethrow(db, e, Tr("保存合同“%s”", c.code.c_str()));
}

void RethrowPaymentSave(Database& db, const std::exception& e, const Payment& p) {
  // Two unique columns: reverses_id (a payment is reversed once) and voucher (schema 7).
  if (FailureOf(Sql(db), e) == Failure::UniqueViolation) {
    // PostgreSQL answers nothing more in a failed transaction: a payment that reverses
    // none can only have met the voucher; a reversal may have met either.
    if (dialect::InFailedTransaction(Sql(db))) {
      if (!p.reversesId)
        Fail(ErrorCode::Duplicate, Tr("凭证号“%s”已被另一笔拨付使用；凭证号不能重复", p.voucher.c_str()));
      Fail(ErrorCode::Duplicate, Tr("该拨付已经冲销过，不能重复冲销；或凭证号“%s”已被另一笔拨付使用", p.voucher.c_str()));
    }
    int sameVoucher = 0;
    Sql(db) << "SELECT COUNT(*) FROM payments WHERE voucher = :v", soci::use(p.voucher, "v"),
        soci::into(sameVoucher);
    if (sameVoucher > 0)
      Fail(ErrorCode::Duplicate, Tr("凭证号“%s”已被另一笔拨付使用；凭证号不能重复", p.voucher.c_str()));
    Fail(ErrorCode::Duplicate, Tr("该拨付已经冲销过，不能重复冲销"));
  }
  Rethrow(db, e, Tr("保存拨付（凭证号 %s）", p.voucher.c_str()));
}

long long Affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}

void VersionMismatch(Database& db, const char* table, Id id, const std::string& what) {
  int n = 0;
  Sql(db) << std::string("SELECT COUNT(*) FROM ") + table + " WHERE id = :id", soci::use(id, "id"),
      soci::into(n);
  if (n == 0) {
    // Row-level security hides another county's rows from a county's user: to them the
    // row is not there, and the sentence says why it may not be.
    const std::string county = UserCounty(db);
    if (!county.empty())
      // TRANSLATORS: the row (项目“X”), the user's county, then the database user.
      Fail(ErrorCode::Refused, Tr("%s不存在，或不属于本县（区）%s：数据库用户“%s”只能查看和修改本县（区）的数据，服务器没有保存这次修改",
                                  what.c_str(), county.c_str(), db.ServerUser().c_str()));
    // TRANSLATORS: %s names the row (项目“X”, 合同).
    Fail(ErrorCode::NotFound, Tr("%s不存在（可能已被删除）", what.c_str()));
  }
  // Who changed it, when and what, from its history: the clerk sees what the other saved
  // and can redo their own edit on top of it.
  std::string told;
  const std::string tableName = table, key = std::to_string(id);
  try {
    soci::rowset<soci::row> last =
        (Sql(db).prepare << "SELECT who, at, old_values, new_values FROM history WHERE tbl = :t AND row_key = :k "
                            "ORDER BY id DESC LIMIT 1",
         soci::use(tableName, "t"), soci::use(key, "k"));
    for (const auto& r : last) {
      HistoryEntry e;
      e.who = RowText(r, 0);
      e.at = RowText(r, 1);
      std::string changed = ChangedFields(RowText(r, 2), RowText(r, 3));
      // TRANSLATORS: who saved the row, when, then what they changed.
      told = Tr("（%s 于 %s 保存了：%s）", e.who.c_str(), EntryTime(e).c_str(),
                (changed.empty() ? Tr("（无可见改动）") : changed).c_str());
    }
  } catch (const std::exception&) {
    // A file from before the history: the plain sentence.
  }
  // TRANSLATORS: the row (项目“X”), then who changed it when ("（张三 于 … 保存了：…）" or nothing).
  Fail(ErrorCode::Conflict, Tr("%s已被其他人修改%s；您的修改没有保存，请刷新后重新编辑", what.c_str(), told.c_str()));
}

int64_t RowInt64(const soci::row& r, size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  const std::string& column = r.get_properties(i).get_name();
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<int64_t>(r.get<unsigned long long>(i));
    case soci::dt_string: return IntegerText(r.get<std::string>(i), column);
    default:
      Fail(ErrorCode::Damaged, Tr("数据库列 %s 的值类型不对（应为整数，文件已损坏？）", column.c_str()));
  }
}

int64_t IntegerText(const std::string& text, const std::string& column) {
  size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = std::string::npos;
  }
  if (used != text.size())
    Fail(ErrorCode::Damaged, Tr("数据库列 %s 的值“%s”不是整数（文件已损坏？）", column.c_str(), text.c_str()));
  return v;
}

std::string RowText(const soci::row& r, size_t i) {
  if (r.get_indicator(i) == soci::i_null) return "";
  if (r.get_properties(i).get_data_type() != soci::dt_string) return std::to_string(RowInt64(r, i));
  return r.get<std::string>(i);
}

std::optional<Date> DateFromColumn(const OptText& t, const char* column) {
  if (t.ind != soci::i_ok || t.value.empty()) return std::nullopt;
  return DateFromColumn(t.value, column);
}

Date DateFromColumn(const std::string& t, const char* column) {
  try {
    return ParseDate(t);
  } catch (const Error&) {
    // TRANSLATORS: a column of the database (payments.date), then the text it holds.
    Fail(ErrorCode::Database, Tr("数据库中 %s 的日期“%s”已损坏", column, t.c_str()));
  }
}

void DeleteVersioned(Database& db, const char* table, Id id, int64_t rowVersion, const char* what) {
  try {
    long long i = id, rv = rowVersion;
    soci::statement st = (Sql(db).prepare << std::string("DELETE FROM ") + table +
                                                      " WHERE id = :id AND row_version = :rv",
                          soci::use(i, "id"), soci::use(rv, "rv"));
    if (Affected(st) == 0) VersionMismatch(db, table, id, TrC("row", what));
  } catch (const std::exception& e) {
    // TRANSLATORS: %s names what is deleted (合同, 资金下达 …).
    Rethrow(db, e, Tr("删除%s", TrC("row", what).c_str()));
  }
}

}  // namespace sb::storage
