-- ventanilla's central schema, version 1. Every branch record is kept as the branch sent it
-- (a JSON object, the branch's own column names), keyed by the branch's code and the record's
-- stable id in that branch. The tables that grow with the days are partitioned by month; the
-- months are created as records for them arrive.
CREATE TABLE central_schema (version integer NOT NULL);
INSERT INTO central_schema VALUES (1);

-- One change sequence for what branches pull (master data, calendar, deletions).
CREATE SEQUENCE central_seq;

CREATE TABLE branches (
    code          text PRIMARY KEY,
    identity      text NOT NULL,
    name          text NOT NULL,
    seccional     text NOT NULL,
    pushed_seq    bigint NOT NULL DEFAULT 0,
    pushed_token  text NOT NULL DEFAULT '',
    last_push     timestamptz,
    -- The last round that reached central, with or without records to send.
    last_seen     timestamptz,
    registered_at timestamptz NOT NULL DEFAULT now()
);

-- Records that grow by day, partitioned by month of `day`. The fields the reports read are
-- generated columns beside the record, and each month's partition keeps the wide JSON out of
-- its main table (toast_tuple_target, set as the months are created), so that a month's
-- report reads narrow rows.
CREATE TABLE turns (branch text NOT NULL, id bigint NOT NULL, day date NOT NULL,
    row jsonb NOT NULL,
    status text GENERATED ALWAYS AS (row->>'status') STORED,
    service text GENERATED ALWAYS AS (row->>'service') STORED,
    wait_s bigint GENERATED ALWAYS AS ((row->>'wait_s')::bigint) STORED,
    -- the person, when the turn names one ("CC:52123456")
    person text GENERATED ALWAYS AS (CASE WHEN coalesce(row->>'doc_number', '') <> ''
        THEN (row->>'doc_type') || ':' || (row->>'doc_number') END) STORED,
    PRIMARY KEY (branch, day, id)) PARTITION BY RANGE (day);
-- the month report's turns come from this index alone
CREATE INDEX turns_report ON turns (day, branch) INCLUDE (status, service, wait_s, person);
CREATE TABLE turn_events (branch text NOT NULL, id bigint NOT NULL, day date NOT NULL,
    row jsonb NOT NULL, PRIMARY KEY (branch, day, id)) PARTITION BY RANGE (day);
CREATE TABLE attentions (branch text NOT NULL, id bigint NOT NULL, day date NOT NULL,
    row jsonb NOT NULL,
    started_at text GENERATED ALWAYS AS (row->>'started_at') STORED,
    channel text GENERATED ALWAYS AS (row->>'channel') STORED,
    customer bigint GENERATED ALWAYS AS ((row->>'customer')::bigint) STORED,
    turn bigint GENERATED ALWAYS AS ((row->>'turn')::bigint) STORED,
    PRIMARY KEY (branch, day, id)) PARTITION BY RANGE (day);
CREATE TABLE ratings (branch text NOT NULL, id bigint NOT NULL, day date NOT NULL,
    row jsonb NOT NULL,
    at text GENERATED ALWAYS AS (row->>'at') STORED,
    kind text GENERATED ALWAYS AS (row->>'kind') STORED,
    score integer GENERATED ALWAYS AS ((row->>'score')::integer) STORED,
    PRIMARY KEY (branch, day, id)) PARTITION BY RANGE (day);
-- The head of each branch's audit chain as it was at each sync: a second anchor, outside the
-- branch, for the chain `ventanilla check` verifies.
CREATE TABLE audit_heads (branch text NOT NULL, id bigint NOT NULL, day date NOT NULL,
    row jsonb NOT NULL, PRIMARY KEY (branch, day, id)) PARTITION BY RANGE (day);

-- Records that do not grow by day.
CREATE TABLE pqrs (branch text NOT NULL, id bigint NOT NULL, row jsonb NOT NULL,
    PRIMARY KEY (branch, id));
CREATE TABLE pqrs_events (branch text NOT NULL, id bigint NOT NULL, row jsonb NOT NULL,
    PRIMARY KEY (branch, id));
CREATE TABLE pqrs_answers (branch text NOT NULL, id bigint NOT NULL, row jsonb NOT NULL,
    PRIMARY KEY (branch, id));
CREATE TABLE work_orders (branch text NOT NULL, id bigint NOT NULL, row jsonb NOT NULL,
    PRIMARY KEY (branch, id));
CREATE TABLE pqrs_deliveries (branch text NOT NULL, id bigint NOT NULL, row jsonb NOT NULL,
    PRIMARY KEY (branch, id));
CREATE TABLE attachments (branch text NOT NULL, id bigint NOT NULL, row jsonb NOT NULL,
    PRIMARY KEY (branch, id));
CREATE TABLE consents (branch text NOT NULL, id bigint NOT NULL, row jsonb NOT NULL,
    PRIMARY KEY (branch, id));
CREATE TABLE customers (branch text NOT NULL, id bigint NOT NULL, row jsonb NOT NULL,
    PRIMARY KEY (branch, id));
CREATE TABLE customer_changes (branch text NOT NULL, id bigint NOT NULL, row jsonb NOT NULL,
    PRIMARY KEY (branch, id));
CREATE TABLE users (branch text NOT NULL, id bigint NOT NULL, row jsonb NOT NULL,
    PRIMARY KEY (branch, id));
-- Deletions (habeas data supresión): pulled by the other branches by `seq`.
CREATE TABLE deletions (branch text NOT NULL, id bigint NOT NULL, row jsonb NOT NULL,
    seq bigint NOT NULL DEFAULT nextval('central_seq'), PRIMARY KEY (branch, id));
CREATE INDEX deletions_seq ON deletions (seq);

-- The affiliate master data the organisation loads centrally; branches pull it by `seq`.
-- Central owns affiliation and category; names seed a branch that does not know the person.
CREATE TABLE master_customers (
    doc_type    text NOT NULL,
    doc_number  text NOT NULL,
    names       text NOT NULL,
    surnames    text NOT NULL,
    affiliation text,
    category    text,
    seq         bigint NOT NULL DEFAULT nextval('central_seq'),
    loaded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (doc_type, doc_number)
);
CREATE INDEX master_customers_seq ON master_customers (seq);

-- Organisation-wide calendar changes (a holiday decreed, a day off for the whole company),
-- pulled by every branch.
CREATE TABLE org_calendar (
    date   date PRIMARY KEY,
    kind   text NOT NULL,
    reason text NOT NULL,
    seq    bigint NOT NULL DEFAULT nextval('central_seq'),
    at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_calendar_seq ON org_calendar (seq);

-- A person known at several branches: each branch's copy stays in `customers` and each change
-- in `customer_changes`; for the person's contact data the latest change wins.
CREATE VIEW customer_contacts AS
SELECT DISTINCT ON (row->>'doc_type', row->>'doc_number')
    row->>'doc_type' AS doc_type, row->>'doc_number' AS doc_number,
    row->>'names' AS names, row->>'surnames' AS surnames,
    row->>'phone' AS phone, row->>'email' AS email, row->>'address' AS address,
    branch AS from_branch, row->>'updated_at' AS updated_at
FROM customers
WHERE row->>'suppressed_at' IS NULL
ORDER BY row->>'doc_type', row->>'doc_number', row->>'updated_at' DESC, branch;

-- The organisation's legal terms (business days per kind of request, and the rest of the
-- `[terms]` table), as loaded by `ventanilla central terms set`: the newest row applies at
-- every branch from its next sync, over the branch's own configuration.
CREATE TABLE org_terms (
    seq   bigint PRIMARY KEY DEFAULT nextval('central_seq'),
    terms jsonb NOT NULL,
    at    timestamptz NOT NULL DEFAULT now()
);
