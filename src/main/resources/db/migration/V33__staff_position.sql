-- An organisation account is issued as the real procedure asks: the full name (the account's display name), the
-- position held in the organisation, the UNP checked against the organisation. The position belongs to the role held
-- there (one person may hold roles in several organisations), and to an offer until it is accepted.
ALTER TABLE user_role ADD COLUMN position VARCHAR(120);
ALTER TABLE staff_invitation ADD COLUMN position VARCHAR(120);
