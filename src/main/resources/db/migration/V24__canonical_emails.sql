-- One person, one account, so one rating a day: an address is compared in its canonical form — lower case, without
-- a "+tag", and for Gmail without the dots it ignores (googlemail.com is gmail.com). A second account for an
-- equivalent address cannot be made, and logging in or asking for a code with any form finds the one account.
CREATE FUNCTION canonical_email(address TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE
        WHEN split_part(lower(address), '@', 2) IN ('gmail.com', 'googlemail.com')
            THEN replace(regexp_replace(split_part(lower(address), '@', 1), '\+.*$', ''), '.', '') || '@gmail.com'
        ELSE regexp_replace(split_part(lower(address), '@', 1), '\+.*$', '') || '@' || split_part(lower(address), '@', 2)
    END
$$;

ALTER TABLE app_user ADD COLUMN canonical_email VARCHAR(254) GENERATED ALWAYS AS (canonical_email(email)) STORED;
-- Unique where the data allows it. A database that already holds two live accounts for one canonical address keeps
-- them (a plain index, and a warning in the migration log; docs/FAIRPLAY.md says how to find and merge them), so that
-- the upgrade never stops the portal from starting.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM app_user WHERE deleted_at IS NULL GROUP BY canonical_email HAVING count(*) > 1) THEN
        RAISE WARNING 'app_user holds accounts with equivalent addresses: canonical_email is indexed but not unique';
        CREATE INDEX app_user_canonical_email ON app_user (canonical_email) WHERE deleted_at IS NULL;
    ELSE
        CREATE UNIQUE INDEX app_user_canonical_email ON app_user (canonical_email) WHERE deleted_at IS NULL;
    END IF;
END
$$;
