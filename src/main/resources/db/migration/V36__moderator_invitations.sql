-- The portal admin makes moderators as organisations make their staff: a new address gets an account and a mailed
-- link to set its password; an existing account is offered the role, which is its owner's only once they accept it
-- signed in. A moderator's offer names no organisation.
ALTER TABLE staff_invitation ALTER COLUMN organization_id DROP NOT NULL;
ALTER TABLE staff_invitation ALTER COLUMN organization DROP NOT NULL;
ALTER TABLE staff_invitation DROP CONSTRAINT staff_invitation_user_id_role_organization_id_key;
CREATE UNIQUE INDEX staff_invitation_unique ON staff_invitation (user_id, role, coalesce(organization_id, 0));
ALTER TABLE staff_invitation ADD CONSTRAINT staff_invitation_scope
    CHECK ((role = 'MODERATOR') = (organization_id IS NULL) AND (organization_id IS NULL) = (organization IS NULL));
