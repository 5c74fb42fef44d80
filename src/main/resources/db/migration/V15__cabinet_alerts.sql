-- Cabinet: each staff member's alerts for each organisation they manage: a mail for every questionnaire at or under
-- a mean, and a daily or weekly digest (claimed atomically by one instance through last_digest_at).
CREATE TABLE cabinet_alert (
    user_id         BIGINT       NOT NULL,
    organization_id BIGINT       NOT NULL,
    max_mean        NUMERIC(3, 2) CHECK (max_mean BETWEEN 1 AND 5),
    digest          VARCHAR(8)   NOT NULL DEFAULT 'off' CHECK (digest IN ('off', 'daily', 'weekly')),
    last_digest_at  TIMESTAMPTZ,
    PRIMARY KEY (user_id, organization_id)
);
CREATE INDEX cabinet_alert_organization ON cabinet_alert (organization_id) WHERE max_mean IS NOT NULL;
