-- Foundation: the branch's settings, staff users, services, windows and the audit log.
-- Instants are RFC 3339 text in UTC ("2026-11-23T13:05:00Z").

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('asesor', 'supervisor', 'administrador')),
    pin_hash        TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL
) STRICT;

CREATE TABLE services (
    code     TEXT PRIMARY KEY CHECK (length(code) = 1),
    name     TEXT NOT NULL,
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE windows (
    number INTEGER PRIMARY KEY CHECK (number > 0),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- The services a window calls, in order of preference.
CREATE TABLE window_services (
    window   INTEGER NOT NULL REFERENCES windows (number),
    service  TEXT NOT NULL REFERENCES services (code),
    position INTEGER NOT NULL,
    PRIMARY KEY (window, service)
) STRICT;

-- Append-only record of every write a person makes.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,   -- who ran it: a username, or cli:<os user>
    on_behalf TEXT,            -- the staff member a CLI action was done for (--user)
    action    TEXT NOT NULL,   -- e.g. user.add, login.failed
    object    TEXT NOT NULL,   -- e.g. user:asesor1
    detail    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX audit_log_at ON audit_log (at);
