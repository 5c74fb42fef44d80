-- Each organisation's published questionnaires per Minsk day: count, sum of means, satisfied count and per criterion
-- the sum of scores and how many scored it. Kept by statement-level triggers on questionnaire (a batch insert, a
-- COPY or a moderation decision updates the days it touched, in one statement), so that an organisation's trend, a
-- body's analytics over its subtree and the monthly figures are sums over days instead of scans of questionnaires.
-- Rows are locked in (organisation, day) order: concurrent batches never deadlock.

CREATE TABLE rating_setting (
    name  VARCHAR(32) PRIMARY KEY,
    value NUMERIC     NOT NULL
);
-- A questionnaire counts as satisfied from this mean on (ocenka.rating.satisfied-from; the portal keeps it in step).
INSERT INTO rating_setting (name, value) VALUES ('satisfied_from', 4);

CREATE TABLE org_day (
    organization_id BIGINT        NOT NULL,
    day             DATE          NOT NULL,
    questionnaires  INTEGER       NOT NULL,
    sum_means       NUMERIC(16,6) NOT NULL,
    satisfied       INTEGER       NOT NULL,
    criteria        JSONB         NOT NULL DEFAULT '{}',
    PRIMARY KEY (organization_id, day)
);
CREATE INDEX org_day_day ON org_day (day);

-- {code: [sum, count]} + sign × {code: [sum, count]}; a criterion nobody scores any more drops out.
CREATE FUNCTION org_day_merge(a JSONB, b JSONB, sign INTEGER) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(jsonb_object_agg(k, jsonb_build_array(total, n)) FILTER (WHERE n <> 0), '{}'::jsonb)
    FROM (SELECT k, coalesce((a -> k ->> 0)::bigint, 0) + sign * coalesce((b -> k ->> 0)::bigint, 0) AS total,
                    coalesce((a -> k ->> 1)::bigint, 0) + sign * coalesce((b -> k ->> 1)::bigint, 0) AS n
          FROM (SELECT jsonb_object_keys(a) UNION SELECT jsonb_object_keys(b)) AS keys(k)) AS merged
$$;

-- The statement that adds (sign 1) or takes back (sign -1) the published questionnaires of a source: a table or a
-- parenthesised query that can stand in FROM. A trigger runs it itself: its transition tables are not visible to
-- the functions it calls.
CREATE FUNCTION org_day_statement(source TEXT, sign INTEGER) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
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
               org_day_merge('{}'::jsonb, coalesce(c.sums, '{}'::jsonb), %2$s)
        FROM totals t LEFT JOIN criteria c USING (organization_id, local_date)
        ORDER BY t.organization_id, t.local_date
        ON CONFLICT (organization_id, day) DO UPDATE SET
            questionnaires = d.questionnaires + excluded.questionnaires,
            sum_means = d.sum_means + excluded.sum_means,
            satisfied = d.satisfied + excluded.satisfied,
            criteria = org_day_merge(d.criteria, excluded.criteria, 1)
    $sql$, source, sign)
$$;

CREATE FUNCTION org_day_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE org_day_statement('inserted_rows', 1);
    RETURN NULL;
END $$;

-- A moderation decision: what stopped being published is taken back, what became published is added. Only the
-- status of a questionnaire ever changes (its author's name aside), so only the status is compared.
CREATE FUNCTION org_day_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n USING (id) WHERE o.status <> n.status) THEN
        EXECUTE org_day_statement('(SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE n.status <> ''PUBLISHED'')', -1);
        EXECUTE org_day_statement('(SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE o.status <> ''PUBLISHED'')', 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER questionnaire_org_day_insert AFTER INSERT ON questionnaire
    REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION org_day_inserted();
CREATE TRIGGER questionnaire_org_day_update AFTER UPDATE ON questionnaire
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION org_day_updated();

-- The days of the questionnaires already there.
DO $$ BEGIN EXECUTE org_day_statement('questionnaire', 1); END $$;
