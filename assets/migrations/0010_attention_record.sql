-- The attention record (tipificación): a sub-topic under the topic of the service's catalogue.
ALTER TABLE attentions ADD COLUMN subtopic TEXT NOT NULL DEFAULT '';
CREATE INDEX attentions_turn ON attentions (turn);
