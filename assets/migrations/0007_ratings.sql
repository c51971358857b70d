-- Satisfaction ratings: one per turn or attention (a customer rates once); a skipped rating
-- is recorded with no score.

CREATE TABLE ratings (
    id        INTEGER PRIMARY KEY,
    turn      INTEGER UNIQUE REFERENCES turns (id),
    attention INTEGER UNIQUE REFERENCES attentions (id),
    kind      TEXT NOT NULL CHECK (kind IN ('presencial', 'virtual')),
    window    INTEGER,
    advisor   TEXT NOT NULL,
    service   TEXT,
    score     INTEGER CHECK (score BETWEEN 1 AND 5),   -- NULL: not rated
    comment   TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL,
    by        TEXT NOT NULL,                           -- the advisor, or rate:N (the device)
    CHECK (turn IS NOT NULL OR attention IS NOT NULL)
) STRICT;
CREATE INDEX ratings_at ON ratings (at);
