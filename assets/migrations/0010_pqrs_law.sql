-- PQRS law by regime: the requester's extension of the completion period, the notification
-- date (recursos count their window from it), recursos linked to the decision they contest
-- and the authorised override of their window, late traslados, and positive silence.

ALTER TABLE pqrs ADD COLUMN completion_extended INTEGER NOT NULL DEFAULT 0
    CHECK (completion_extended IN (0, 1));
-- The local day the decision was notified (YYYY-MM-DD).
ALTER TABLE pqrs ADD COLUMN notified_on TEXT;
-- A recurso: the radicado of the decision it contests.
ALTER TABLE pqrs ADD COLUMN appeal_of TEXT;
-- A recurso filed outside its window: who authorised it and why.
ALTER TABLE pqrs ADD COLUMN window_override TEXT;
-- A traslado made after its legal limit (always flagged).
ALTER TABLE pqrs ADD COLUMN forwarded_late INTEGER NOT NULL DEFAULT 0
    CHECK (forwarded_late IN (0, 1));
-- Whether silence means the request is granted (silencio administrativo positivo), fixed at
-- filing by the regime then in force.
ALTER TABLE pqrs ADD COLUMN positive_silence INTEGER NOT NULL DEFAULT 0
    CHECK (positive_silence IN (0, 1));

-- Ley 1437 art. 20 priority: why (fundamental rights at risk of irreparable harm).
ALTER TABLE pqrs ADD COLUMN priority_reason TEXT;

UPDATE pqrs SET notified_on = (
    SELECT date(e.at, '-5 hours') FROM pqrs_events e
    WHERE e.pqrs = pqrs.id AND e.step = 'notificada' ORDER BY e.id DESC LIMIT 1)
WHERE notified_via IS NOT NULL;

-- The watch: priority (Ley 1437 art. 20) first, then the due date; it also shows positive
-- silence.
DROP INDEX pqrs_watch;
CREATE INDEX pqrs_watch ON pqrs (priority DESC, due_on, radicado, kind, status, area, assignee,
    subject, filed_on, paused_on, positive_silence, priority_reason)
    WHERE status IN ('radicada', 'asignada', 'en-tramite', 'espera-informacion', 'proyectada',
        'aprobada');
-- The report's positive-silence section reads only these.
CREATE INDEX pqrs_positive_silence ON pqrs (due_on) WHERE positive_silence = 1;
CREATE INDEX pqrs_appeal_of ON pqrs (appeal_of) WHERE appeal_of IS NOT NULL;
