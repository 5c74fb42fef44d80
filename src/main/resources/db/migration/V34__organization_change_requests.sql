-- An organisation's admins keep its contacts themselves; its name, UNP and parent (where it sits in the tree) are
-- changed by the moderators on request: the request says what should change and why, the moderator applies it or
-- rejects it with a reason the requester is mailed.
CREATE TABLE org_change_request (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT        NOT NULL REFERENCES organization (id),
    user_id         BIGINT        NOT NULL REFERENCES app_user (id),
    name            VARCHAR(300),
    unp             CHAR(9),
    parent_id       BIGINT        REFERENCES organization (id),
    comment         VARCHAR(2000) NOT NULL,
    status          VARCHAR(16)   NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    reason          VARCHAR(1000),
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    decided_at      TIMESTAMPTZ,
    decided_by      BIGINT        REFERENCES app_user (id),
    CONSTRAINT org_change_request_something CHECK (name IS NOT NULL OR unp IS NOT NULL OR parent_id IS NOT NULL),
    CONSTRAINT org_change_request_decision CHECK ((status = 'PENDING') = (decided_at IS NULL)),
    CONSTRAINT org_change_request_rejection CHECK (status <> 'REJECTED' OR reason IS NOT NULL)
);
CREATE INDEX org_change_request_queue ON org_change_request (status, created_at);
CREATE INDEX org_change_request_organization ON org_change_request (organization_id, created_at DESC);
