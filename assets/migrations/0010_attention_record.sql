-- The attention record (tipificación): a sub-topic under the topic of the service's catalogue.
ALTER TABLE attentions ADD COLUMN subtopic TEXT NOT NULL DEFAULT '';
CREATE INDEX attentions_turn ON attentions (turn);

-- One window, one advisor: the user whose console holds each window right now.
CREATE TABLE window_claims (
    window   INTEGER PRIMARY KEY REFERENCES windows (number),
    username TEXT NOT NULL,
    since    TEXT NOT NULL
) STRICT;
