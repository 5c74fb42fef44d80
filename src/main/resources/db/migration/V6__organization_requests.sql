-- Citizens' requests to add an organisation that the catalogue lacks; a moderator approves (the organisation is
-- created, with the moderator's corrections) or rejects them with a reason the citizen sees.

CREATE TABLE org_request (
    id              BIGSERIAL PRIMARY KEY,
    user_id         BIGINT       NOT NULL REFERENCES app_user (id),
    name            VARCHAR(300) NOT NULL,
    address         VARCHAR(300) NOT NULL,
    sphere_id       SMALLINT     NOT NULL REFERENCES sphere (id),
    unp             CHAR(9),
    comment         VARCHAR(2000),
    status          VARCHAR(16)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    reason          VARCHAR(1000),
    organization_id BIGINT       REFERENCES organization (id),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    decided_at      TIMESTAMPTZ,
    decided_by      BIGINT       REFERENCES app_user (id),
    CONSTRAINT org_request_decision CHECK ((status = 'PENDING') = (decided_at IS NULL)),
    CONSTRAINT org_request_rejection CHECK (status <> 'REJECTED' OR reason IS NOT NULL)
);
CREATE INDEX org_request_queue ON org_request (status, created_at);
CREATE INDEX org_request_user ON org_request (user_id, created_at DESC);
