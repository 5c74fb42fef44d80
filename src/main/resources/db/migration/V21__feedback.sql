-- Messages to the portal's support (moderation module): anyone writes, moderators answer; an answer is mailed to the
-- address given, if any.
CREATE TABLE feedback (
    id          BIGSERIAL     PRIMARY KEY,
    topic       VARCHAR(16)   NOT NULL CHECK (topic IN ('question', 'problem', 'idea', 'organization', 'other')),
    text        VARCHAR(4000) NOT NULL,
    email       VARCHAR(254),
    user_id     BIGINT,
    status      VARCHAR(16)   NOT NULL DEFAULT 'NEW' CHECK (status IN ('NEW', 'ANSWERED', 'CLOSED')),
    answer      VARCHAR(4000),
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    answered_at TIMESTAMPTZ,
    answered_by BIGINT
);
CREATE INDEX feedback_queue ON feedback (status, created_at, id);
