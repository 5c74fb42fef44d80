-- Social logins: one row per (provider, the provider's user id), pointing at the account it logs into.

CREATE TABLE user_identity (
    provider   VARCHAR(16)  NOT NULL CHECK (provider IN ('google', 'yandex', 'vk')),
    subject    VARCHAR(128) NOT NULL,
    user_id    BIGINT       NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    email      VARCHAR(254),
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, subject)
);
CREATE INDEX user_identity_user ON user_identity (user_id);
