-- Schema version 13, SQLite part (after the shared db/0013_payment_groups.sql).
-- The day this file last passed SQLite's quick_check before a write. A file over 256 MiB
-- (a province's) is not checked at every open but at its first write of the day
-- (storage/database.cpp): a check of a gigabyte takes seconds, and a clerk's tenth
-- one-line import of the day should not. Not a record of the bureau's: no history, not
-- exported, not copied to a server.
CREATE TABLE integrity_checks (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  passed_on TEXT NOT NULL
);
