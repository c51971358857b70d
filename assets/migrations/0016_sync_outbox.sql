-- The outbox toward the central PostgreSQL (issue 20). Every insert, update or delete of a
-- record that leaves the branch adds a line here, in the same transaction as the change, by
-- trigger: no code path can change a record and forget to send it. `ventanilla sync` reads the
-- lines in order, sends the records as they are then, and deletes the lines PostgreSQL has
-- committed. Existing records are queued once, here, so the first sync sends the branch's past.
-- Customers that came down from central's master data and that the branch never touched
-- (created and updated by 'central', no change of theirs by anyone else, no attention, PQRS
-- or consent of theirs) do not go back up; once the branch edits one or records something
-- about them, they go up from then on (the triggers at the end queue them then).
CREATE TABLE sync_outbox (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    kind   TEXT NOT NULL,
    row_id INTEGER NOT NULL
) STRICT;

CREATE TRIGGER sync_turns_i AFTER INSERT ON turns BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('turns', NEW.id); END;
-- The turn metrics triggers (0008) rewrite the durations right after each change to a turn;
-- that change is queued already, so their own updates (the only ones that change durations)
-- are not queued again.
CREATE TRIGGER sync_turns_u AFTER UPDATE ON turns
    WHEN OLD.issued_s IS NEW.issued_s AND OLD.wait_s IS NEW.wait_s
         AND OLD.service_s IS NEW.service_s BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('turns', NEW.id); END;
CREATE TRIGGER sync_turns_d AFTER DELETE ON turns BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('turns', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'turns', id FROM turns ORDER BY id;

CREATE TRIGGER sync_turn_events_i AFTER INSERT ON turn_events BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('turn_events', NEW.id); END;
CREATE TRIGGER sync_turn_events_u AFTER UPDATE ON turn_events BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('turn_events', NEW.id); END;
CREATE TRIGGER sync_turn_events_d AFTER DELETE ON turn_events BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('turn_events', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'turn_events', id FROM turn_events ORDER BY id;

CREATE TRIGGER sync_attentions_i AFTER INSERT ON attentions BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('attentions', NEW.id); END;
CREATE TRIGGER sync_attentions_u AFTER UPDATE ON attentions BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('attentions', NEW.id); END;
CREATE TRIGGER sync_attentions_d AFTER DELETE ON attentions BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('attentions', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'attentions', id FROM attentions ORDER BY id;

CREATE TRIGGER sync_ratings_i AFTER INSERT ON ratings BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('ratings', NEW.id); END;
CREATE TRIGGER sync_ratings_u AFTER UPDATE ON ratings BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('ratings', NEW.id); END;
CREATE TRIGGER sync_ratings_d AFTER DELETE ON ratings BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('ratings', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'ratings', id FROM ratings ORDER BY id;

CREATE TRIGGER sync_pqrs_i AFTER INSERT ON pqrs BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('pqrs', NEW.id); END;
CREATE TRIGGER sync_pqrs_u AFTER UPDATE ON pqrs BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('pqrs', NEW.id); END;
CREATE TRIGGER sync_pqrs_d AFTER DELETE ON pqrs BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('pqrs', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'pqrs', id FROM pqrs ORDER BY id;

CREATE TRIGGER sync_pqrs_events_i AFTER INSERT ON pqrs_events BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('pqrs_events', NEW.id); END;
CREATE TRIGGER sync_pqrs_events_u AFTER UPDATE ON pqrs_events BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('pqrs_events', NEW.id); END;
CREATE TRIGGER sync_pqrs_events_d AFTER DELETE ON pqrs_events BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('pqrs_events', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'pqrs_events', id FROM pqrs_events ORDER BY id;

CREATE TRIGGER sync_pqrs_answers_i AFTER INSERT ON pqrs_answers BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('pqrs_answers', NEW.id); END;
CREATE TRIGGER sync_pqrs_answers_u AFTER UPDATE ON pqrs_answers BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('pqrs_answers', NEW.id); END;
CREATE TRIGGER sync_pqrs_answers_d AFTER DELETE ON pqrs_answers BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('pqrs_answers', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'pqrs_answers', id FROM pqrs_answers ORDER BY id;

CREATE TRIGGER sync_work_orders_i AFTER INSERT ON work_orders BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('work_orders', NEW.id); END;
CREATE TRIGGER sync_work_orders_u AFTER UPDATE ON work_orders BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('work_orders', NEW.id); END;
CREATE TRIGGER sync_work_orders_d AFTER DELETE ON work_orders BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('work_orders', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'work_orders', id FROM work_orders ORDER BY id;

CREATE TRIGGER sync_pqrs_deliveries_i AFTER INSERT ON pqrs_deliveries BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('pqrs_deliveries', NEW.id); END;
CREATE TRIGGER sync_pqrs_deliveries_u AFTER UPDATE ON pqrs_deliveries BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('pqrs_deliveries', NEW.id); END;
CREATE TRIGGER sync_pqrs_deliveries_d AFTER DELETE ON pqrs_deliveries BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('pqrs_deliveries', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'pqrs_deliveries', id FROM pqrs_deliveries ORDER BY id;

CREATE TRIGGER sync_attachments_i AFTER INSERT ON attachments BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('attachments', NEW.id); END;
CREATE TRIGGER sync_attachments_u AFTER UPDATE ON attachments BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('attachments', NEW.id); END;
CREATE TRIGGER sync_attachments_d AFTER DELETE ON attachments BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('attachments', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'attachments', id FROM attachments ORDER BY id;

CREATE TRIGGER sync_consents_i AFTER INSERT ON consents BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('consents', NEW.id); END;
CREATE TRIGGER sync_consents_u AFTER UPDATE ON consents BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('consents', NEW.id); END;
CREATE TRIGGER sync_consents_d AFTER DELETE ON consents BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('consents', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'consents', id FROM consents ORDER BY id;

CREATE TRIGGER sync_customers_i AFTER INSERT ON customers
    WHEN NEW.created_by <> 'central' OR NEW.updated_by <> 'central' OR EXISTS (SELECT 1 FROM customer_changes h WHERE h.customer = NEW.id AND h.by <> 'central') OR EXISTS (SELECT 1 FROM attentions a WHERE a.customer = NEW.id) OR EXISTS (SELECT 1 FROM pqrs p WHERE p.customer = NEW.id) OR EXISTS (SELECT 1 FROM consents k WHERE k.customer = NEW.id) BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('customers', NEW.id); END;
CREATE TRIGGER sync_customers_u AFTER UPDATE ON customers
    WHEN NEW.created_by <> 'central' OR NEW.updated_by <> 'central' OR EXISTS (SELECT 1 FROM customer_changes h WHERE h.customer = NEW.id AND h.by <> 'central') OR EXISTS (SELECT 1 FROM attentions a WHERE a.customer = NEW.id) OR EXISTS (SELECT 1 FROM pqrs p WHERE p.customer = NEW.id) OR EXISTS (SELECT 1 FROM consents k WHERE k.customer = NEW.id) BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('customers', NEW.id); END;
CREATE TRIGGER sync_customers_d AFTER DELETE ON customers BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('customers', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'customers', id FROM customers
    WHERE created_by <> 'central' OR updated_by <> 'central' OR EXISTS (SELECT 1 FROM customer_changes h WHERE h.customer = customers.id AND h.by <> 'central') OR EXISTS (SELECT 1 FROM attentions a WHERE a.customer = customers.id) OR EXISTS (SELECT 1 FROM pqrs p WHERE p.customer = customers.id) OR EXISTS (SELECT 1 FROM consents k WHERE k.customer = customers.id) ORDER BY id;

CREATE TRIGGER sync_customer_changes_i AFTER INSERT ON customer_changes BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('customer_changes', NEW.id); END;
CREATE TRIGGER sync_customer_changes_u AFTER UPDATE ON customer_changes BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('customer_changes', NEW.id); END;
CREATE TRIGGER sync_customer_changes_d AFTER DELETE ON customer_changes BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('customer_changes', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'customer_changes', id FROM customer_changes ORDER BY id;

CREATE TRIGGER sync_users_i AFTER INSERT ON users BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('users', NEW.id); END;
CREATE TRIGGER sync_users_u AFTER UPDATE OF username, name, role, active ON users BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('users', NEW.id); END;
CREATE TRIGGER sync_users_d AFTER DELETE ON users BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('users', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'users', id FROM users ORDER BY id;

-- A branch sends only its own deletions (its ledger salt): the entries it pulled from other
-- branches to apply them here are theirs, and central has them already.
CREATE TRIGGER sync_deletions_i AFTER INSERT ON deletions
    WHEN NEW.salt = (SELECT value FROM settings WHERE key = 'deletion_salt') BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('deletions', NEW.id); END;
CREATE TRIGGER sync_deletions_u AFTER UPDATE ON deletions
    WHEN NEW.salt = (SELECT value FROM settings WHERE key = 'deletion_salt') BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('deletions', NEW.id); END;
CREATE TRIGGER sync_deletions_d AFTER DELETE ON deletions BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('deletions', OLD.id); END;
INSERT INTO sync_outbox (kind, row_id) SELECT 'deletions', id FROM deletions
    WHERE salt = (SELECT value FROM settings WHERE key = 'deletion_salt') ORDER BY id;

-- A person who came down from the master data goes up with the first record about them.
CREATE TRIGGER sync_attentions_customer AFTER INSERT ON attentions
    WHEN NEW.customer IS NOT NULL BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('customers', NEW.customer); END;
CREATE TRIGGER sync_attentions_customer_u AFTER UPDATE OF customer ON attentions
    WHEN NEW.customer IS NOT NULL BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('customers', NEW.customer); END;
CREATE TRIGGER sync_pqrs_customer AFTER INSERT ON pqrs
    WHEN NEW.customer IS NOT NULL BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('customers', NEW.customer); END;
CREATE TRIGGER sync_pqrs_customer_u AFTER UPDATE OF customer ON pqrs
    WHEN NEW.customer IS NOT NULL BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('customers', NEW.customer); END;
CREATE TRIGGER sync_consents_customer AFTER INSERT ON consents BEGIN
    INSERT INTO sync_outbox (kind, row_id) VALUES ('customers', NEW.customer); END;
