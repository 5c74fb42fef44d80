-- Platform: what every feature shares.

-- Who did what, for moderators and operators (moderation decisions, imports, account changes).
CREATE TABLE audit_event (
    id          BIGSERIAL PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor_id    BIGINT,
    action      VARCHAR(64) NOT NULL,
    subject     VARCHAR(128),
    details     JSONB
);

CREATE INDEX audit_event_occurred_at ON audit_event (occurred_at DESC);
