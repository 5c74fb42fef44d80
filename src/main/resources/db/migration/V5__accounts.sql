-- Accounts: citizens, organisation admins, moderators and admins. Roles are rows, an organisation admin's row
-- carries the organisation whose subtree it may manage.

CREATE TABLE app_user (
    id                 BIGSERIAL PRIMARY KEY,
    email              VARCHAR(254) NOT NULL,
    password_hash      VARCHAR(200),
    display_name       VARCHAR(80)  NOT NULL,
    email_confirmed_at TIMESTAMPTZ,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    deleted_at         TIMESTAMPTZ
);
-- One live account per address, whatever its case.
CREATE UNIQUE INDEX app_user_email ON app_user (lower(email)) WHERE deleted_at IS NULL;

CREATE TABLE user_role (
    user_id         BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role            VARCHAR(16) NOT NULL CHECK (role IN ('CITIZEN', 'ORG_ADMIN', 'MODERATOR', 'ADMIN')),
    organization_id BIGINT      REFERENCES organization (id),
    CONSTRAINT user_role_scope CHECK ((role = 'ORG_ADMIN') = (organization_id IS NOT NULL))
);
CREATE UNIQUE INDEX user_role_unique ON user_role (user_id, role, coalesce(organization_id, 0));
