-- Issue 31, item 3: what comments speak of. The rating module tags every comment off the request path
-- (rating.internal.ThemeTagging) and keeps its themes on the questionnaire as a bit set (rating.Theme: bit = ordinal);
-- NULL is a comment not tagged yet. Tagging writes a batch of rows at a time; the org_day update trigger only looks at
-- status changes, so it costs a join of the batch.
ALTER TABLE questionnaire ADD COLUMN themes INTEGER;

-- What the tagger takes next: the comments without themes, in id order. On a partitioned table an index cannot be
-- built CONCURRENTLY: on a large history, run this migration in a quiet hour (docs/OPERATIONS.md, "Background jobs").
CREATE INDEX questionnaire_untagged ON questionnaire (id) WHERE comment IS NOT NULL AND themes IS NULL;
-- What the themes' figures read: an organisation's (or a subtree's, through org_closure) shown comments of a period,
-- from the index alone.
CREATE INDEX questionnaire_themed ON questionnaire (organization_id, local_date) INCLUDE (themes, mean)
    WHERE status = 'PUBLISHED' AND comment_hidden IS NULL AND themes IS NOT NULL;

-- A moderator's additions to the shipped vocabulary (src/main/resources/rating/themes/*.txt, ThemeTagger's line format).
CREATE TABLE theme_term (
    id       BIGSERIAL PRIMARY KEY,
    theme    VARCHAR(16)  NOT NULL
        CHECK (theme IN ('queue', 'politeness', 'information', 'hours', 'premises', 'online', 'competence', 'term')),
    term     VARCHAR(80)  NOT NULL,
    added_by BIGINT       REFERENCES app_user (id) ON DELETE SET NULL,
    added_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT theme_term_unique UNIQUE (theme, term)
);

-- One row: the vocabulary's version (each instance rebuilds its tagger when it moves) and, while the comments already
-- tagged are being tagged again after a change, the last id done (NULL: nothing to do). The sweep goes by id in batches,
-- so a restart goes on where it stopped. Versions come from a sequence, so a number is never used twice (an instance's
-- cached tagger of an old version is always found out, even if the row was lost).
CREATE SEQUENCE theme_vocabulary_version;
CREATE TABLE theme_retag (
    id       SMALLINT PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL,
    after_id BIGINT
);
INSERT INTO theme_retag (id, version, after_id) VALUES (1, 0, NULL);
