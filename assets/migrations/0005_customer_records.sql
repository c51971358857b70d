-- Customer search, edit history, consent ledger and attention records.

ALTER TABLE customers ADD COLUMN sensitive_notes TEXT;  -- disability / preferential notes (needs consent)

-- Accent- and case-insensitive prefix search over names and surnames.
CREATE VIRTUAL TABLE customers_fts USING fts5(
    names, surnames,
    content = 'customers', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO customers_fts (customers_fts) VALUES ('rebuild');

CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_fts (rowid, names, surnames) VALUES (new.id, new.names, new.surnames);
END;
CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, names, surnames)
    VALUES ('delete', old.id, old.names, old.surnames);
END;
CREATE TRIGGER customers_fts_update AFTER UPDATE OF names, surnames ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, names, surnames)
    VALUES ('delete', old.id, old.names, old.surnames);
    INSERT INTO customers_fts (rowid, names, surnames) VALUES (new.id, new.names, new.surnames);
END;

-- Who changed what on a customer record (append-only).
CREATE TABLE customer_changes (
    id       INTEGER PRIMARY KEY,
    customer INTEGER NOT NULL REFERENCES customers (id),
    at       TEXT NOT NULL,
    by       TEXT NOT NULL,
    field    TEXT NOT NULL,
    old      TEXT,
    new      TEXT
) STRICT;
CREATE INDEX customer_changes_customer ON customer_changes (customer, id);

-- Consent ledger (append-only): the current status per purpose is the latest event.
CREATE TABLE consents (
    id              INTEGER PRIMARY KEY,
    customer        INTEGER NOT NULL REFERENCES customers (id),
    action          TEXT NOT NULL CHECK (action IN ('grant', 'revoke')),
    purpose         TEXT NOT NULL,
    channel         TEXT NOT NULL,
    policy_version  TEXT NOT NULL,
    evidence_path   TEXT,
    evidence_sha256 TEXT,
    at              TEXT NOT NULL,
    by              TEXT NOT NULL
) STRICT;
CREATE INDEX consents_customer ON consents (customer, purpose, id);

-- Attentions: at the window (linked to a turn) or by phone, chat, e-mail, WhatsApp, web.
CREATE TABLE attentions (
    id                  INTEGER PRIMARY KEY,
    customer            INTEGER REFERENCES customers (id),
    turn                INTEGER REFERENCES turns (id),
    channel             TEXT NOT NULL CHECK (channel IN ('ventanilla', 'telefono', 'chat', 'correo', 'whatsapp', 'web')),
    service             TEXT,
    level               INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
    opportunity         INTEGER NOT NULL DEFAULT 0 CHECK (opportunity IN (0, 1)),
    opportunity_service TEXT,
    topic               TEXT NOT NULL,
    notes               TEXT NOT NULL DEFAULT '',
    advisor             TEXT NOT NULL,
    assigned_to         TEXT,           -- technician or lawyer it was routed to
    started_at          TEXT NOT NULL,
    ended_at            TEXT            -- NULL while open
) STRICT;
CREATE INDEX attentions_customer ON attentions (customer, started_at);
CREATE INDEX attentions_started ON attentions (started_at);
CREATE INDEX attentions_open ON attentions (assigned_to, ended_at);
