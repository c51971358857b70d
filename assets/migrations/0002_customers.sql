-- Customers (afiliados and others), identified by document type and canonical number.

CREATE TABLE customers (
    id           INTEGER PRIMARY KEY,
    doc_type     TEXT NOT NULL,
    doc_number   TEXT NOT NULL,
    names        TEXT NOT NULL,
    surnames     TEXT NOT NULL,
    birth_date   TEXT,
    phone        TEXT,
    email        TEXT,
    address      TEXT,
    affiliation  TEXT NOT NULL DEFAULT 'no afiliado'
                 CHECK (affiliation IN ('afiliado', 'no afiliado', 'desafiliado')),
    category     TEXT CHECK (category IN ('A', 'B', 'C')),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    UNIQUE (doc_type, doc_number)
) STRICT;
