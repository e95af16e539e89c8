-- Money is an integer number of 分 in every money column (issue 13). BIGINT only gives the
-- column INTEGER affinity: SQLite still stores 100.7 as REAL, 'abc' as TEXT and a BLOB as
-- it is, and reading those as integers gives 100, 0 and 0 silently. These triggers refuse
-- such values from any program; values already in a file are checked at open
-- (src/storage/database.cpp), which reports them as damage naming the table and row.
--
-- And a voucher number identifies one payment: the UNIQUE index below. A file that already
-- has duplicates is refused before this migration runs, naming them (database.cpp).

CREATE TRIGGER budget_lines_amount_integer_insert BEFORE INSERT ON budget_lines
WHEN typeof(NEW.amount) <> 'integer'
BEGIN
  SELECT RAISE(ABORT, 'money is integer fen: 概算金额必须是以分为单位的整数');
END;

CREATE TRIGGER budget_lines_amount_integer_update BEFORE UPDATE OF amount ON budget_lines
WHEN typeof(NEW.amount) <> 'integer'
BEGIN
  SELECT RAISE(ABORT, 'money is integer fen: 概算金额必须是以分为单位的整数');
END;

CREATE TRIGGER funding_sources_amount_integer_insert BEFORE INSERT ON funding_sources
WHEN typeof(NEW.amount) <> 'integer'
BEGIN
  SELECT RAISE(ABORT, 'money is integer fen: 资金来源金额必须是以分为单位的整数');
END;

CREATE TRIGGER funding_sources_amount_integer_update BEFORE UPDATE OF amount ON funding_sources
WHEN typeof(NEW.amount) <> 'integer'
BEGIN
  SELECT RAISE(ABORT, 'money is integer fen: 资金来源金额必须是以分为单位的整数');
END;

CREATE TRIGGER allocations_amount_integer_insert BEFORE INSERT ON allocations
WHEN typeof(NEW.amount) <> 'integer'
BEGIN
  SELECT RAISE(ABORT, 'money is integer fen: 下达金额必须是以分为单位的整数');
END;

CREATE TRIGGER allocations_amount_integer_update BEFORE UPDATE OF amount ON allocations
WHEN typeof(NEW.amount) <> 'integer'
BEGIN
  SELECT RAISE(ABORT, 'money is integer fen: 下达金额必须是以分为单位的整数');
END;

CREATE TRIGGER receipts_amount_integer_insert BEFORE INSERT ON receipts
WHEN typeof(NEW.amount) <> 'integer'
BEGIN
  SELECT RAISE(ABORT, 'money is integer fen: 到位金额必须是以分为单位的整数');
END;

CREATE TRIGGER receipts_amount_integer_update BEFORE UPDATE OF amount ON receipts
WHEN typeof(NEW.amount) <> 'integer'
BEGIN
  SELECT RAISE(ABORT, 'money is integer fen: 到位金额必须是以分为单位的整数');
END;

CREATE TRIGGER progress_entries_invested_integer_insert BEFORE INSERT ON progress_entries
WHEN typeof(NEW.invested) <> 'integer'
BEGIN
  SELECT RAISE(ABORT, 'money is integer fen: 累计完成投资必须是以分为单位的整数');
END;

CREATE TRIGGER progress_entries_invested_integer_update BEFORE UPDATE OF invested ON progress_entries
WHEN typeof(NEW.invested) <> 'integer'
BEGIN
  SELECT RAISE(ABORT, 'money is integer fen: 累计完成投资必须是以分为单位的整数');
END;

CREATE TRIGGER contracts_amount_integer_insert BEFORE INSERT ON contracts
WHEN typeof(NEW.amount) <> 'integer'
BEGIN
  SELECT RAISE(ABORT, 'money is integer fen: 合同金额必须是以分为单位的整数');
END;

CREATE TRIGGER contracts_amount_integer_update BEFORE UPDATE OF amount ON contracts
WHEN typeof(NEW.amount) <> 'integer'
BEGIN
  SELECT RAISE(ABORT, 'money is integer fen: 合同金额必须是以分为单位的整数');
END;

CREATE TRIGGER payments_amount_integer_insert BEFORE INSERT ON payments
WHEN typeof(NEW.amount) <> 'integer'
BEGIN
  SELECT RAISE(ABORT, 'money is integer fen: 拨付金额必须是以分为单位的整数');
END;

-- payments cannot be updated at all (0002_payment_guards.sql), so INSERT is enough there.
CREATE UNIQUE INDEX payments_voucher_unique ON payments (voucher);
