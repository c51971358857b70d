-- The organisation's changes to the legal calendar, as append-only events: the latest event
-- for a date decides (closed with a reason, or opened).

CREATE TABLE calendar_changes (
    id     INTEGER PRIMARY KEY,
    date   TEXT NOT NULL,              -- YYYY-MM-DD
    kind   TEXT NOT NULL CHECK (kind IN ('cerrado', 'abierto')),
    reason TEXT NOT NULL,
    at     TEXT NOT NULL,
    by     TEXT NOT NULL
) STRICT;

CREATE INDEX calendar_changes_date ON calendar_changes (date, id);
