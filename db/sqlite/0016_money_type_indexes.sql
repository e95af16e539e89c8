-- Schema version 16, SQLite only (issue 12): the check at every open that no money column
-- holds a REAL, TEXT or BLOB (src/storage/database.cpp, RefuseWrongTypedMoney) reads from
-- these partial indexes, which hold exactly the rows it looks for and are empty in a sound
-- file. It read every row of seven tables instead: for a province's million payments, a
-- fifth of the time to open the file. The check now covers the annual plans too (schema 8
-- added them, and their amount, without it). SQLite keeps an index whoever writes (the sqlite3
-- shell with the integer-money triggers of db/sqlite/0007 dropped, too), so a wrong-typed
-- value written by another program is found as before. A file whose index was dropped is
-- still checked, row by row. Damage on disk is quick_check's and verify's to find.
CREATE INDEX budget_lines_amount_not_integer ON budget_lines (id) WHERE typeof(amount) <> 'integer';
CREATE INDEX funding_sources_amount_not_integer ON funding_sources (id) WHERE typeof(amount) <> 'integer';
CREATE INDEX allocations_amount_not_integer ON allocations (id) WHERE typeof(amount) <> 'integer';
CREATE INDEX receipts_amount_not_integer ON receipts (id) WHERE typeof(amount) <> 'integer';
CREATE INDEX progress_entries_invested_not_integer ON progress_entries (id) WHERE typeof(invested) <> 'integer';
CREATE INDEX contracts_amount_not_integer ON contracts (id) WHERE typeof(amount) <> 'integer';
CREATE INDEX payments_amount_not_integer ON payments (id) WHERE typeof(amount) <> 'integer';
CREATE INDEX annual_plans_amount_not_integer ON annual_plans (id) WHERE typeof(amount) <> 'integer';
