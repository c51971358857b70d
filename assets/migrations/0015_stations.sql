-- Stations: the devices of a branch (window PCs, kiosk, TV, rating keypads) that reach the
-- branch server over OpenSSH, each with its own key, forced to its mode and window.
CREATE TABLE stations (
    name       TEXT PRIMARY KEY,
    mode       TEXT NOT NULL CHECK (mode IN ('console', 'kiosk', 'display', 'rate', 'supervisor', 'pqrs')),
    window     INTEGER,
    public_key TEXT NOT NULL UNIQUE,
    added_at   TEXT NOT NULL,
    added_by   TEXT NOT NULL
) STRICT;
