#include "storage/sql_util.h"

#include "core/history.h"
#include "storage/database.h"
#include "storage/dialect.h"
#include "storage/repository.h"

namespace sb::storage {

namespace {

using dialect::Failure;

// The sentence for each failure the engine reports; the engine's own text only where
// nothing better is known (Failure::None, Other).
[[noreturn]] void Translate(const dialect::EngineError& err, const std::string& what,
                            const std::string& otherText) {
  const std::string failed = what + "失败：";
  switch (err.failure) {
    case Failure::UniqueViolation:
      Fail(ErrorCode::Duplicate, failed + "与已有的数据重复（编号或名称已被使用）");
    case Failure::ForeignKeyViolation:
      Fail(ErrorCode::Refused, failed + "还有数据引用它，或它引用的数据不存在");
    case Failure::CheckViolation:
      Fail(ErrorCode::InvalidInput, failed + "数据不符合规定（如金额的正负、类别的取值）");
    case Failure::TriggerAbort:
      Fail(ErrorCode::Refused, failed + dialect::TriggerSentence(err.message));
    case Failure::Busy:
      Fail(ErrorCode::Database, failed + "数据库正被其他人使用，请稍后再试");
    case Failure::ReadOnly:
      Fail(ErrorCode::Io, failed + "数据库文件只读（没有写入权限，或在只读的位置）");
    case Failure::PermissionDenied:
      Fail(ErrorCode::Refused, failed + "数据库服务器拒绝：您的数据库用户没有这项权限（项目、概算、手续和进度由基建股 "
                                        "sb_infra 修改；资金、合同、拨付和月报定稿由计财股 sb_finance 修改；"
                                        "县设置由管理员 sb_admin 修改；领导 sb_reader 只读）");
    case Failure::ConnectionLost:
      Fail(ErrorCode::Io, failed + "与数据库服务器的连接中断（网络断开或服务器重启？）；这次修改没有保存，请重新连接后再试");
    case Failure::DiskFull:
      Fail(ErrorCode::Io, failed + "磁盘已满");
    case Failure::NotADatabase:
      Fail(ErrorCode::Database, failed + "文件不是校建通数据库或已损坏");
    case Failure::CantOpen:
      Fail(ErrorCode::Io, failed + "无法打开数据库文件（文件夹不存在或没有权限）");
    case Failure::IoError:
      Fail(ErrorCode::Io, failed + "读写数据库文件出错（磁盘已满、U 盘被拔出或网络中断？）");
    case Failure::Other:
      Fail(ErrorCode::Database, failed + err.message + "（错误码 " +
                                    (err.sqlstate.empty() ? std::to_string(err.code) : err.sqlstate) + "）");
    case Failure::None:
      break;
  }
  Fail(ErrorCode::Database, failed + otherText);
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
    Fail(ErrorCode::Duplicate, "项目编号“" + p.code + "”已存在");
  Rethrow(db, e, "保存项目“" + p.code + "”");
}

void RethrowSourceSave(Database& db, const std::exception& e, const FundingSource& s) {
  switch (FailureOf(Sql(db), e)) {
    case Failure::UniqueViolation: Fail(ErrorCode::Duplicate, "来源编号“" + s.code + "”已存在");
    case Failure::ForeignKeyViolation:  // the one reference a source has is its kind
      Fail(ErrorCode::InvalidInput, "来源类型“" + s.kind + "”不存在");
    default: Rethrow(db, e, "保存资金来源“" + s.code + "”");
  }
}

void RethrowContractSave(Database& db, const std::exception& e, const Contract& c) {
  if (FailureOf(Sql(db), e) == Failure::UniqueViolation)
    Fail(ErrorCode::Duplicate, "合同编号“" + c.code + "”已存在");
  Rethrow(db, e, "保存合同“" + c.code + "”");
}

void RethrowPaymentSave(Database& db, const std::exception& e, const Payment& p) {
  // Two unique columns: reverses_id (a payment is reversed once) and voucher (schema 7).
  if (FailureOf(Sql(db), e) == Failure::UniqueViolation) {
    // PostgreSQL answers nothing more in a failed transaction: a payment that reverses
    // none can only have met the voucher; a reversal may have met either.
    if (dialect::InFailedTransaction(Sql(db))) {
      if (!p.reversesId) Fail(ErrorCode::Duplicate, "凭证号“" + p.voucher + "”已被另一笔拨付使用；凭证号不能重复");
      Fail(ErrorCode::Duplicate, "该拨付已经冲销过，不能重复冲销；或凭证号“" + p.voucher + "”已被另一笔拨付使用");
    }
    int sameVoucher = 0;
    Sql(db) << "SELECT COUNT(*) FROM payments WHERE voucher = :v", soci::use(p.voucher, "v"),
        soci::into(sameVoucher);
    if (sameVoucher > 0) Fail(ErrorCode::Duplicate, "凭证号“" + p.voucher + "”已被另一笔拨付使用；凭证号不能重复");
    Fail(ErrorCode::Duplicate, "该拨付已经冲销过，不能重复冲销");
  }
  Rethrow(db, e, "保存拨付（凭证号 " + p.voucher + "）");
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
      Fail(ErrorCode::Refused, what + "不存在，或不属于本县（区）" + county + "：数据库用户“" + db.ServerUser() +
                                   "”只能查看和修改本县（区）的数据，服务器没有保存这次修改");
    Fail(ErrorCode::NotFound, what + "不存在（可能已被删除）");
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
      told = "（" + e.who + " 于 " + EntryTime(e) + " 保存了：" + (changed.empty() ? "（无可见改动）" : changed) + "）";
    }
  } catch (const std::exception&) {
    // A file from before the history: the plain sentence.
  }
  Fail(ErrorCode::Conflict, what + "已被其他人修改" + told + "；您的修改没有保存，请刷新后重新编辑");
}

int64_t RowInt64(const soci::row& r, size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  const std::string& column = r.get_properties(i).get_name();
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<int64_t>(r.get<unsigned long long>(i));
    case soci::dt_string: {
      // Only the exact decimal text of an integer: "12abc" or "1e3" is not one.
      const std::string text = r.get<std::string>(i);
      size_t used = 0;
      long long v = 0;
      try {
        v = std::stoll(text, &used);
      } catch (const std::exception&) {
        used = std::string::npos;
      }
      if (used != text.size())
        Fail(ErrorCode::Damaged, "数据库列 " + column + " 的值“" + text + "”不是整数（文件已损坏？）");
      return v;
    }
    default:
      Fail(ErrorCode::Damaged, "数据库列 " + column + " 的值类型不对（应为整数，文件已损坏？）");
  }
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
    Fail(ErrorCode::Database, std::string("数据库中 ") + column + " 的日期“" + t + "”已损坏");
  }
}

void DeleteVersioned(Database& db, const char* table, Id id, int64_t rowVersion, const char* what) {
  try {
    long long i = id, rv = rowVersion;
    soci::statement st = (Sql(db).prepare << std::string("DELETE FROM ") + table +
                                                      " WHERE id = :id AND row_version = :rv",
                          soci::use(i, "id"), soci::use(rv, "rv"));
    if (Affected(st) == 0) VersionMismatch(db, table, id, what);
  } catch (const std::exception& e) {
    Rethrow(db, e, std::string("删除") + what);
  }
}

}  // namespace sb::storage
