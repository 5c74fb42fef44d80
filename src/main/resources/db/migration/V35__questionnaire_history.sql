-- The old portal's history (issue 28, item 7): questionnaires an admin imports from its CSV export
-- (rating.HistoryImport). They have no author, so user_id may be NULL; a questionnaire without one is exactly an
-- imported one (a citizen's questionnaire keeps its user_id, also after the account is deleted). A NULL never collides
-- in questionnaire_daily, so the daily limit's backstop stays as it is.
ALTER TABLE questionnaire ALTER COLUMN user_id DROP NOT NULL;

-- Idempotency by the old portal's id. A unique index on questionnaire must hold the partition key (local_date), so it
-- would let the same old id in again under another date; this small table holds each old id once, whatever its date,
-- and says which questionnaire it became. The claim here and the questionnaire are written by one statement (a
-- concurrent upload of the same id waits for it and skips). No foreign key to questionnaire: it would have to name
-- (id, local_date) and would stop an operator detaching an old month (docs/OPERATIONS.md); neither side is ever deleted.
CREATE TABLE questionnaire_import (
    external_id      VARCHAR(64) PRIMARY KEY,
    questionnaire_id BIGINT      NOT NULL,
    local_date       DATE        NOT NULL,
    imported_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
