-- The PQRS back office: the written answer with its versions and the approved one.

-- Every saved draft of a PQRS's answer is a new version; nothing typed is overwritten.
CREATE TABLE pqrs_answers (
    id       INTEGER PRIMARY KEY,
    pqrs     INTEGER NOT NULL REFERENCES pqrs (id),
    version  INTEGER NOT NULL,
    body     TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    UNIQUE (pqrs, version)
) STRICT;

-- The answer version the signing role approved (NULL: none, or returned for correction).
ALTER TABLE pqrs ADD COLUMN answer_approved INTEGER;

-- Any requester: a person given only by name and contact (no customer record), and the
-- sender's address of a web form or an e-mail.
ALTER TABLE pqrs ADD COLUMN requester_name TEXT;
ALTER TABLE pqrs ADD COLUMN requester_contact TEXT;
ALTER TABLE pqrs ADD COLUMN sender TEXT;

-- Files attached to a PQRS, a consent record or an attention, copied into the database:
-- never only a path. The SHA-256 is checked again on every export.
CREATE TABLE attachments (
    id         INTEGER PRIMARY KEY,
    owner_kind TEXT NOT NULL CHECK (owner_kind IN ('pqrs', 'autorizacion', 'atencion')),
    owner_id   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    data       BLOB NOT NULL,
    at         TEXT NOT NULL,
    by         TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_owner ON attachments (owner_kind, owner_id, id);

-- Deliveries of a PQRS's letters (citation, aviso, response): to whom, the day, how, and
-- whether it came back. They decide which notification is legal.
CREATE TABLE pqrs_deliveries (
    id           INTEGER PRIMARY KEY,
    pqrs         INTEGER NOT NULL REFERENCES pqrs (id),
    letter       TEXT NOT NULL CHECK (letter IN ('citacion', 'aviso', 'respuesta')),
    to_whom      TEXT NOT NULL,
    delivered_on TEXT NOT NULL,
    how          TEXT NOT NULL,
    returned     INTEGER NOT NULL DEFAULT 0 CHECK (returned IN (0, 1)),
    note         TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL,
    by           TEXT NOT NULL
) STRICT;
CREATE INDEX pqrs_deliveries_pqrs ON pqrs_deliveries (pqrs, id);
