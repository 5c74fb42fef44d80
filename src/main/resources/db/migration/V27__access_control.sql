-- Access control, second pass.

-- Sign-in codes (account module): several live codes per address, each with a link token of its own. A stranger asking
-- for a new code no longer voids the code and link already in the owner's mailbox, and the link (a 256-bit token, not
-- the code) works whatever typed codes failed: the owner can always get in. Wrong typed codes are counted per client,
-- per address and in total in Redis. Codes live minutes: the old table's rows are simply dropped.
DROP TABLE email_code;
CREATE TABLE email_code (
    id          BIGSERIAL    PRIMARY KEY,
    email       VARCHAR(254) NOT NULL,  -- the canonical form (canonical_email)
    code_hash   CHAR(64)     NOT NULL,  -- SHA-256 of "email:code"
    link_hash   CHAR(64)     NOT NULL UNIQUE,  -- SHA-256 of the link's token
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX email_code_address ON email_code (email, created_at);
CREATE INDEX email_code_expiry ON email_code (expires_at);

-- An organisation role offered to an existing account (account module): the role is granted only when the account's
-- owner, signed in, accepts it.
CREATE TABLE staff_invitation (
    id              BIGSERIAL    PRIMARY KEY,
    user_id         BIGINT       NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role            VARCHAR(20)  NOT NULL,
    organization_id BIGINT       NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    organization    VARCHAR(500) NOT NULL,  -- its name when invited (the account module does not read the catalogue)
    invited_by      BIGINT       REFERENCES app_user (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at      TIMESTAMPTZ  NOT NULL,
    UNIQUE (user_id, role, organization_id)
);

-- Whether a social identity proved the account's address (its provider vouched for it, or its owner confirmed the mail
-- in the browser that signed in). When the owner of an address takes the account over (a code, a confirmation, a
-- password reset, a verified social login), the identities that did not are unlinked. Those linked before could not be
-- told apart: kept as proven.
ALTER TABLE user_identity ADD COLUMN verified BOOLEAN NOT NULL DEFAULT true;
