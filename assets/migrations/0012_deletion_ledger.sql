-- The deletion ledger: one row per person whose data were deleted (habeas data supresión),
-- without the person: a salted SHA-256 of "TYPE:NUMBER", the moment and the radicado. A
-- restore of an older copy re-applies every deletion listed here, and `check` names the
-- copies that still hold someone listed.
CREATE TABLE deletions (
    id         INTEGER PRIMARY KEY,
    doc_hash   TEXT NOT NULL,
    salt       TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    radicado   TEXT NOT NULL
) STRICT;
