-- Issue 31, item 4: «Вы сказали — мы сделали». An organisation publishes what it changed, the theme of the comments it
-- answers and the day it took effect; the public page sets the comments on that theme in the 90 days before beside
-- those of the 90 days after (rating.CommentThemes), and the citizens who wrote of it before are mailed once.
CREATE TABLE improvement (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT        NOT NULL REFERENCES organization (id),
    title           VARCHAR(120)  NOT NULL,
    text            VARCHAR(4000) NOT NULL,
    theme           VARCHAR(16)   NOT NULL
        CHECK (theme IN ('queue', 'politeness', 'information', 'hours', 'premises', 'online', 'competence', 'term')),
    effective_on    DATE          NOT NULL,
    created_by      BIGINT        REFERENCES app_user (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    -- How many citizens were mailed (NULL: not yet; the mails go behind the answer).
    notified        INTEGER
);
CREATE INDEX improvement_organization ON improvement (organization_id, effective_on DESC, id DESC);
CREATE INDEX improvement_recent ON improvement (created_at DESC);
