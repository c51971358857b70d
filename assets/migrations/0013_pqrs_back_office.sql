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
