-- Comment moderation in the open. The rating module's questionnaire gets the reason its comment was hidden for (the
-- scores still count: a rude comment does not make the rating untrue); the moderation module's complaint table holds
-- the flags anyone raises and the moderators' decisions.
ALTER TABLE questionnaire ADD COLUMN comment_hidden VARCHAR(16)
    CHECK (comment_hidden IN ('abuse', 'personal-data', 'spam', 'off-topic'));
ALTER TABLE questionnaire ADD COLUMN comment_hidden_at TIMESTAMPTZ;

CREATE TABLE complaint (
    id                BIGSERIAL    PRIMARY KEY,
    questionnaire_id  BIGINT       NOT NULL,
    organization_id   BIGINT       NOT NULL,
    reason            VARCHAR(16)  NOT NULL CHECK (reason IN ('abuse', 'personal-data', 'spam', 'off-topic')),
    text              VARCHAR(1000),
    -- Who flagged: "user:{id}" or "address:{sha-256 of the client address}" (one flag per comment each; no raw address).
    reporter          VARCHAR(80)  NOT NULL,
    from_organization BOOLEAN      NOT NULL DEFAULT false,
    status            VARCHAR(16)  NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'UPHELD', 'DISMISSED')),
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    decided_at        TIMESTAMPTZ,
    decided_by        BIGINT,
    decision          VARCHAR(16),
    CONSTRAINT complaint_once UNIQUE (questionnaire_id, reporter)
);
CREATE INDEX complaint_queue ON complaint (status, created_at, id);
CREATE INDEX complaint_month ON complaint (created_at);
