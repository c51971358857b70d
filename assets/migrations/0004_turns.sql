-- Turns: issued per service and business day; every transition timed and attributed.

CREATE TABLE turns (
    id              INTEGER PRIMARY KEY,
    day             TEXT NOT NULL,                 -- local business day, YYYY-MM-DD
    service         TEXT NOT NULL REFERENCES services (code),  -- the queue it is in
    label           TEXT NOT NULL,                 -- as printed: E-023, ME-015 (manual)
    issuing_service TEXT NOT NULL,                 -- the service that numbered it
    seq             INTEGER,                       -- its number; NULL on transfer copies
    manual          INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),
    preferential    TEXT,                          -- reason, or NULL
    granted_by      TEXT,
    doc_type        TEXT,
    doc_number      TEXT,
    status          TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'in_attention', 'parked',
                        'finished', 'no_show', 'cancelled', 'transferred', 'expired')),
    issued_at       TEXT NOT NULL,                 -- when the customer took it (kept on transfer)
    queued_at       TEXT NOT NULL,                 -- when it entered this queue
    called_at       TEXT,
    started_at      TEXT,
    finished_at     TEXT,
    window          INTEGER,
    advisor         TEXT,
    recalls         INTEGER NOT NULL DEFAULT 0,
    note            TEXT,
    origin          INTEGER REFERENCES turns (id), -- the turn this one was transferred from
    UNIQUE (day, issuing_service, manual, seq)
) STRICT;

CREATE INDEX turns_queue ON turns (day, service, status, issued_at);
CREATE INDEX turns_window ON turns (window, status);
CREATE INDEX turns_called ON turns (called_at);

-- Every transition of a turn, in order.
CREATE TABLE turn_events (
    id     INTEGER PRIMARY KEY,
    turn   INTEGER NOT NULL REFERENCES turns (id),
    at     TEXT NOT NULL,
    kind   TEXT NOT NULL,       -- issue, call, recall, start, finish, no_show, cancel, ...
    window INTEGER,
    actor  TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX turn_events_turn ON turn_events (turn);
CREATE INDEX turn_events_window ON turn_events (window, id);
