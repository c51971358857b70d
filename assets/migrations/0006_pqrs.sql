-- PQRS: filings with their legal dates, every lifecycle step as an event, work orders, and
-- the data-treatment marks on customers.

-- The radicado consecutive per year: never reused, even if a filing is later archived.
CREATE TABLE pqrs_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
) STRICT;

CREATE TABLE pqrs (
    id                    INTEGER PRIMARY KEY,
    radicado              TEXT NOT NULL UNIQUE,
    year                  INTEGER NOT NULL,
    seq                   INTEGER NOT NULL,
    kind                  TEXT NOT NULL,
    channel               TEXT NOT NULL,
    customer              INTEGER REFERENCES customers (id),   -- NULL: anonymous
    subject               TEXT NOT NULL,
    description           TEXT NOT NULL,
    area                  TEXT NOT NULL,
    assignee              TEXT,
    priority              INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),
    notify_via            TEXT NOT NULL CHECK (notify_via IN ('personal', 'aviso', 'electronica')),
    notify_address        TEXT NOT NULL DEFAULT '',
    data_request          TEXT,            -- habeas data reclamos: supresion, actualizacion, ...
    data_changes          TEXT,            -- actualizacion / rectificacion: campo=valor; ...
    status                TEXT NOT NULL,
    received_at           TEXT NOT NULL,   -- local date and time, YYYY-MM-DDTHH:MM
    filed_on              TEXT NOT NULL,   -- the deemed filing day
    due_on                TEXT,            -- NULL: no legal term (felicitaciones)
    max_extension_on      TEXT,
    completion_request_by TEXT NOT NULL,
    in_process_mark_by    TEXT,
    in_process_marked_at  TEXT,
    extended              INTEGER NOT NULL DEFAULT 0,
    paused_on             TEXT,
    pause_remaining       INTEGER,
    withdrawal_on         TEXT,
    needs_conversation    INTEGER NOT NULL DEFAULT 0,
    in_favor              INTEGER CHECK (in_favor IN (0, 1)),
    forwarded_to          TEXT,
    requester_told_on     TEXT,
    notified_via          TEXT,
    notified_evidence     TEXT,
    created_at            TEXT NOT NULL,
    created_by            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    UNIQUE (year, seq)
) STRICT;
-- The deadline watch reads only this: the open PQRS in due-date order, every column it shows
-- (a partial covering index: no sort, no table lookups; closed PQRS cost nothing).
CREATE INDEX pqrs_watch ON pqrs (due_on, radicado, kind, status, area, assignee, priority,
    subject, filed_on, paused_on)
    WHERE status IN ('radicada', 'asignada', 'en-tramite', 'espera-informacion', 'proyectada',
        'aprobada');
CREATE INDEX pqrs_status ON pqrs (status);
CREATE INDEX pqrs_customer ON pqrs (customer);

-- Every step: who, when, what, with a note.
CREATE TABLE pqrs_events (
    id     INTEGER PRIMARY KEY,
    pqrs   INTEGER NOT NULL REFERENCES pqrs (id),
    at     TEXT NOT NULL,
    by     TEXT NOT NULL,
    step   TEXT NOT NULL,
    note   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX pqrs_events_pqrs ON pqrs_events (pqrs, id);

CREATE TABLE work_orders (
    id          INTEGER PRIMARY KEY,
    pqrs        INTEGER NOT NULL REFERENCES pqrs (id),
    area        TEXT NOT NULL,
    description TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('abierta', 'cerrada')),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    closed_at   TEXT,
    closed_by   TEXT,
    result      TEXT
) STRICT;
CREATE INDEX work_orders_pqrs ON work_orders (pqrs, status);

-- Data-treatment marks: no mass communications; personal data removed (pseudonymised).
ALTER TABLE customers ADD COLUMN mass_opt_out INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN suppressed_at TEXT;
