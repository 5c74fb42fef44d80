-- The generic OpenID Connect provider (the national ID login, switched on by configuration) links identities too.
ALTER TABLE user_identity DROP CONSTRAINT user_identity_provider_check;
ALTER TABLE user_identity ADD CONSTRAINT user_identity_provider_check CHECK (provider IN ('google', 'yandex', 'vk', 'oidc'));
