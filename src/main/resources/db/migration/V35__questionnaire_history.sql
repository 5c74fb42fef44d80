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
-- An imported questionnaire's id is negative, from a sequence of its own: the cabinet's feed pages newest first by id
-- (the months' primary keys give that order without a sort), and the history, older than every questionnaire of this
-- portal, must follow them all there rather than come first for having been imported last.
CREATE SEQUENCE questionnaire_history_id_seq;

CREATE TABLE questionnaire_import (
    external_id      VARCHAR(64) PRIMARY KEY,
    questionnaire_id BIGINT      NOT NULL,
    local_date       DATE        NOT NULL,
    imported_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The daily sums' statement (V12) as before but for one step: what an insert adds to a day's criteria is the statement's
-- own sums, taken as they are; merging them into '{}' only copied them, at a function call per day (about ten seconds of
-- a 500,000-row history import, whose days are nearly all new). Taking back (sign -1) still negates them by the merge.
CREATE OR REPLACE FUNCTION org_day_statement(source TEXT, sign INTEGER) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT format($sql$
        WITH rows AS (SELECT * FROM %1$s AS changed WHERE status = 'PUBLISHED'),
        totals AS (
            SELECT organization_id, local_date, count(*) AS n, sum(mean) AS s,
                   count(*) FILTER (WHERE mean >= (SELECT value FROM rating_setting WHERE name = 'satisfied_from')) AS sat
            FROM rows GROUP BY organization_id, local_date),
        per_code AS (
            SELECT organization_id, local_date, c.key AS code, sum(c.value::int) AS total, count(*) AS n
            FROM rows, jsonb_each_text(rows.scores) AS c GROUP BY organization_id, local_date, c.key),
        criteria AS (
            SELECT organization_id, local_date, jsonb_object_agg(code, jsonb_build_array(total, n)) AS sums
            FROM per_code GROUP BY organization_id, local_date)
        INSERT INTO org_day AS d (organization_id, day, questionnaires, sum_means, satisfied, criteria)
        SELECT t.organization_id, t.local_date, %2$s * t.n, %2$s * t.s, %2$s * t.sat,
               CASE WHEN %2$s > 0 THEN coalesce(c.sums, '{}'::jsonb)
                    ELSE org_day_merge('{}'::jsonb, coalesce(c.sums, '{}'::jsonb), %2$s) END
        FROM totals t LEFT JOIN criteria c USING (organization_id, local_date)
        ORDER BY t.organization_id, t.local_date
        ON CONFLICT (organization_id, day) DO UPDATE SET
            questionnaires = d.questionnaires + excluded.questionnaires,
            sum_means = d.sum_means + excluded.sum_means,
            satisfied = d.satisfied + excluded.satisfied,
            criteria = org_day_merge(d.criteria, excluded.criteria, 1)
    $sql$, source, sign)
$$;
