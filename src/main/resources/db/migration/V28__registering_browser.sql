-- The browser that registered an address: the digest of a random cookie it was given, kept with the confirmation token.
-- The link opened in that browser confirms and signs in; opened anywhere else it asks for the password chosen at
-- registration, or confirms the address with that password cleared (whoever registered may not own the address).
ALTER TABLE account_token ADD COLUMN browser_hash CHAR(64);
