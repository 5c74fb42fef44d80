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
    -- The language the mails are written in (the publisher's).
    language        VARCHAR(2)    NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'be', 'en')),
    -- How many citizens were mailed (NULL: not yet; the mails go behind the answer, and a job finishes what a restart cut).
    notified        INTEGER
);
CREATE INDEX improvement_organization ON improvement (organization_id, effective_on DESC, id DESC);
CREATE INDEX improvement_recent ON improvement (created_at DESC);

-- Who was told of which improvement: one mail per citizen and improvement whatever retries or instances do, and the
-- record that keeps an organisation from mailing the same citizens again and again (one such mail per organisation and
-- citizen in 30 days).
CREATE TABLE improvement_notice (
    improvement_id BIGINT      NOT NULL REFERENCES improvement (id),
    user_id        BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    organization_id BIGINT     NOT NULL,
    mailed_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (improvement_id, user_id)
);
CREATE INDEX improvement_notice_recent ON improvement_notice (organization_id, user_id, mailed_at DESC);
CREATE INDEX improvement_unnotified ON improvement (created_at) WHERE notified IS NULL;
