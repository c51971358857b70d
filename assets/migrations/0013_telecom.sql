-- Phone and chat attentions (FOR-DIC-04): who called and how to reach them when no customer
-- record is bound, and what the person it was routed to did when closing it.
ALTER TABLE attentions ADD COLUMN caller TEXT NOT NULL DEFAULT '';
ALTER TABLE attentions ADD COLUMN contact TEXT NOT NULL DEFAULT '';
ALTER TABLE attentions ADD COLUMN result TEXT NOT NULL DEFAULT '';
CREATE INDEX attentions_open_assigned ON attentions (assigned_to) WHERE ended_at IS NULL;

-- A turn transferred to a chosen window waits for that window alone, which calls it first.
ALTER TABLE turns ADD COLUMN for_window INTEGER;
