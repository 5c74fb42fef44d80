-- An organisation's staff may believe a questionnaire is not genuine (a competitor, a staff member's relative): they
-- ask the moderators to review it, with a reason; the moderators take it out of the count and out of sight, or keep it,
-- and answer either way. One open request per questionnaire.
CREATE TABLE review_request (
    id               BIGSERIAL PRIMARY KEY,
    questionnaire_id BIGINT        NOT NULL,
    organization_id  BIGINT        NOT NULL REFERENCES organization (id),
    user_id          BIGINT        NOT NULL REFERENCES app_user (id),
    reason           VARCHAR(2000) NOT NULL,
    status           VARCHAR(16)   NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'UPHELD', 'DISMISSED')),
    answer           VARCHAR(2000),
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    decided_at       TIMESTAMPTZ,
    decided_by       BIGINT        REFERENCES app_user (id),
    CONSTRAINT review_request_decision CHECK ((status = 'PENDING') = (decided_at IS NULL) AND (status = 'PENDING') = (answer IS NULL))
);
CREATE UNIQUE INDEX review_request_open ON review_request (questionnaire_id) WHERE status = 'PENDING';
CREATE INDEX review_request_queue ON review_request (status, created_at);
CREATE INDEX review_request_organization ON review_request (organization_id, created_at DESC);
