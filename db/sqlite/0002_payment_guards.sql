-- A confirmed payment is never edited or deleted (Chinese accounting rules): the database
-- itself refuses, whatever program writes to it. Corrections are reversing rows.
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN
  SELECT RAISE(ABORT, 'payment is immutable: 已确认的拨付不能修改，请用红字冲销更正');
END;

CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN
  SELECT RAISE(ABORT, 'payment is immutable: 已确认的拨付不能删除，请用红字冲销更正');
END;
