-- questionnaire partitioned by month of local_date (issue 17, docs/SCALING.md): each month a table of its own, so that
-- a month's indexes stay small and old months can be detached and archived without a DELETE of millions of rows.
-- rating.internal.QuestionnairePartitions creates the months ahead (three, daily); the DEFAULT partition catches
-- anything outside them and stays empty while that job runs.
--
-- What partitioning asks of the table: every unique key holds the partition key. The primary key becomes
-- (id, local_date) — ids still come from one sequence, so they stay unique — and the daily limit's key
-- (user_id, organization_id, local_date) already holds it. questionnaire_reply can no longer reference
-- questionnaire(id) alone: the foreign key goes; replies are written only for a questionnaire read first
-- (rating.Replies) and a questionnaire is never deleted.
ALTER TABLE questionnaire_reply DROP CONSTRAINT questionnaire_reply_questionnaire_id_fkey;

-- LIKE copies defaults and CHECK constraints; the foreign keys to organisation and account are added again below.
CREATE TABLE questionnaire_by_month (LIKE questionnaire INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
    PARTITION BY RANGE (local_date);

DO $$
DECLARE
    first_month DATE := date_trunc('month', coalesce((SELECT min(local_date) FROM questionnaire), current_date));
    last_month  DATE := date_trunc('month', current_date + interval '3 months');
    month       DATE := first_month;
BEGIN
    WHILE month <= last_month LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF questionnaire_by_month FOR VALUES FROM (%L) TO (%L)',
                       'questionnaire_y' || to_char(month, 'YYYY') || 'm' || to_char(month, 'MM'),
                       month, month + interval '1 month');
        month := month + interval '1 month';
    END LOOP;
END $$;
CREATE TABLE questionnaire_default PARTITION OF questionnaire_by_month DEFAULT;

INSERT INTO questionnaire_by_month SELECT * FROM questionnaire;

-- The id sequence outlives the old table (it would be dropped with it).
ALTER SEQUENCE questionnaire_id_seq OWNED BY NONE;
DROP TABLE questionnaire;
ALTER TABLE questionnaire_by_month RENAME TO questionnaire;
ALTER SEQUENCE questionnaire_id_seq OWNED BY questionnaire.id;

ALTER TABLE questionnaire ADD CONSTRAINT questionnaire_pkey PRIMARY KEY (id, local_date);
ALTER TABLE questionnaire ADD CONSTRAINT questionnaire_organization_id_fkey
    FOREIGN KEY (organization_id) REFERENCES organization (id);
ALTER TABLE questionnaire ADD CONSTRAINT questionnaire_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user (id);
-- The daily limit's backstop: whatever Redis forgets, one questionnaire per citizen, organisation and Minsk day.
ALTER TABLE questionnaire ADD CONSTRAINT questionnaire_daily UNIQUE (user_id, organization_id, local_date);
CREATE INDEX questionnaire_organization ON questionnaire (organization_id, created_at DESC);
CREATE INDEX questionnaire_user ON questionnaire (user_id, created_at DESC);
CREATE INDEX questionnaire_month ON questionnaire (local_date);
CREATE INDEX questionnaire_organization_id ON questionnaire (organization_id, id DESC);
CREATE INDEX questionnaire_due_reply ON questionnaire (organization_id, created_at) INCLUDE (id)
    WHERE status = 'PUBLISHED' AND (comment IS NOT NULL OR mean < 3);
CREATE INDEX questionnaire_held ON questionnaire (organization_id, status, hold_reason) WHERE hold_reason IS NOT NULL;

-- The days' sums follow inserts and status changes, as before (V12); the rows copied above are already counted.
CREATE TRIGGER questionnaire_org_day_insert AFTER INSERT ON questionnaire
    REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION org_day_inserted();
CREATE TRIGGER questionnaire_org_day_update AFTER UPDATE ON questionnaire
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION org_day_updated();

-- Autovacuum analyzes the months, never the parent: the planner's view of the whole comes from here.
ANALYZE questionnaire;
