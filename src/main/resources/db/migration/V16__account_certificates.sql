-- Digital-signature certificates registered to staff accounts: a verified client certificate with this SHA-256
-- fingerprint (of its DER encoding) logs in as the account, with the account's organisation roles.
CREATE TABLE account_certificate (
    fingerprint CHAR(64)      PRIMARY KEY,
    user_id     BIGINT        NOT NULL REFERENCES app_user (id),
    subject     VARCHAR(1000) NOT NULL,
    not_after   TIMESTAMPTZ   NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX account_certificate_user ON account_certificate (user_id);
