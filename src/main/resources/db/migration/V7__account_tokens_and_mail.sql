-- Single-use, expiring tokens mailed to users (address confirmation, password reset), kept only as hashes; and
-- the outbox of mail: written in the same transaction as what caused it, sent (and retried) by a worker, or, in
-- the local run mode, kept for /dev/mail instead of being sent.

CREATE TABLE account_token (
    token_hash CHAR(64)    PRIMARY KEY,
    user_id    BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    purpose    VARCHAR(16) NOT NULL CHECK (purpose IN ('CONFIRM', 'RESET')),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX account_token_user ON account_token (user_id, purpose);

CREATE TABLE mail_outbox (
    id              BIGSERIAL PRIMARY KEY,
    recipient       VARCHAR(254)  NOT NULL,
    subject         VARCHAR(200)  NOT NULL,
    body            VARCHAR(8000) NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    sent_at         TIMESTAMPTZ,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    last_error      VARCHAR(500)
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
