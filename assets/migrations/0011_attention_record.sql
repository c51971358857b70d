-- The attention record (tipificación): a sub-topic under the topic of the service's catalogue.
ALTER TABLE attentions ADD COLUMN subtopic TEXT NOT NULL DEFAULT '';
CREATE INDEX attentions_turn ON attentions (turn);

-- One window, one advisor: the user whose console holds each window right now.
CREATE TABLE window_claims (
    window   INTEGER PRIMARY KEY REFERENCES windows (number),
    username TEXT NOT NULL,
    since    TEXT NOT NULL
) STRICT;

-- Advisor states over the day (append-only): available, paused with a reason, logged out.
-- Time in attention comes from the turns themselves.
CREATE TABLE advisor_states (
    id       INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    window   INTEGER,
    state    TEXT NOT NULL CHECK (state IN ('available', 'paused', 'logged_out')),
    reason   TEXT NOT NULL DEFAULT '',
    at       TEXT NOT NULL
) STRICT;
CREATE INDEX advisor_states_user ON advisor_states (username, at);
