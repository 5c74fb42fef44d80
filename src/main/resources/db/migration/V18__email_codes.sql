-- One-time sign-in codes mailed to an address (account module): the citizen's quick way in from a QR code. One row per
-- address, replaced by each new code; the code itself is only in the mail, the row keeps its SHA-256.
CREATE TABLE email_code (
    email             VARCHAR(254) PRIMARY KEY,  -- lower-cased
    code_hash         CHAR(64)     NOT NULL,
    expires_at        TIMESTAMPTZ  NOT NULL,
    tries_left        INTEGER      NOT NULL,
    sent_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- Codes sent to the address in the hour that began at window_started_at (a cap, so it cannot be flooded).
    sends             INTEGER      NOT NULL DEFAULT 1,
    window_started_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX email_code_expiry ON email_code (expires_at);
