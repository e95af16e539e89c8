-- Closed months of the monthly report (月报关账). Portable SQL, like 0001.
-- A closed month keeps the report exactly as it was printed: the whole report model as
-- JSON text (money in integer fen inside it), so a reprint after later edits or
-- back-dated entries gives the same document. One row per closed month; reopening
-- deletes the row and is recorded, with the snapshot it discarded, in
-- month_closing_events, as is every closing.

CREATE TABLE month_closings (
  month          VARCHAR(7) PRIMARY KEY,          -- 'YYYY-MM'
  closed_at      VARCHAR(19) NOT NULL,            -- local time 'YYYY-MM-DDTHH:MM:SS'
  closed_by      TEXT NOT NULL,
  report_date    VARCHAR(10) NOT NULL,            -- 填报日期 printed on the report
  format_version BIGINT NOT NULL,                 -- of the snapshot text
  snapshot       TEXT NOT NULL,
  row_version    BIGINT NOT NULL DEFAULT 1,
  CHECK (length(month) = 7)
);

CREATE TABLE month_closing_events (
  id         INTEGER PRIMARY KEY,
  month      VARCHAR(7) NOT NULL,
  action     VARCHAR(8) NOT NULL CHECK (action IN ('close', 'reopen')),
  at         VARCHAR(19) NOT NULL,
  by_user    TEXT NOT NULL,
  reason     TEXT NOT NULL DEFAULT '',
  snapshot   TEXT                                 -- reopen: the snapshot it discarded
);
CREATE INDEX month_closing_events_month ON month_closing_events (month);

-- A closed month cannot be changed in place: reopen it (which is recorded) first.
CREATE TRIGGER month_closings_no_update BEFORE UPDATE ON month_closings
BEGIN
  SELECT RAISE(ABORT, 'month closing is immutable: 已关账月份不能修改，请先重新打开');
END;

CREATE TRIGGER month_closing_events_no_update BEFORE UPDATE ON month_closing_events
BEGIN
  SELECT RAISE(ABORT, 'closing events are an audit trail: 关账记录不能修改');
END;

CREATE TRIGGER month_closing_events_no_delete BEFORE DELETE ON month_closing_events
BEGIN
  SELECT RAISE(ABORT, 'closing events are an audit trail: 关账记录不能删除');
END;
