-- The organisation's cabinet: the subtree as data, responders, official replies, the audit trail per organisation.

-- Catalogue: every (ancestor, descendant) pair of the organisation tree, itself included at depth 0. A read model the
-- catalogue publishes: a subtree is one indexed range, so a figure over a ministry's thousands of units is one join.
CREATE TABLE org_closure (
    ancestor_id   BIGINT   NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    descendant_id BIGINT   NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    depth         SMALLINT NOT NULL,
    PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX org_closure_descendant ON org_closure (descendant_id, depth);

INSERT INTO org_closure (ancestor_id, descendant_id, depth)
WITH RECURSIVE up(descendant_id, ancestor_id, depth) AS (
    SELECT id, id, 0 FROM organization
    UNION ALL
    SELECT up.descendant_id, o.parent_id, up.depth + 1
    FROM up JOIN organization o ON o.id = up.ancestor_id
    WHERE o.parent_id IS NOT NULL AND up.depth < 64)
SELECT ancestor_id, descendant_id, depth FROM up;

-- A new organisation joins its parent's chains; a moved one takes its subtree along.
CREATE FUNCTION org_closure_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO org_closure (ancestor_id, descendant_id, depth) VALUES (NEW.id, NEW.id, 0);
    IF NEW.parent_id IS NOT NULL THEN
        INSERT INTO org_closure (ancestor_id, descendant_id, depth)
        SELECT c.ancestor_id, NEW.id, c.depth + 1 FROM org_closure c WHERE c.descendant_id = NEW.parent_id;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION org_closure_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Cut the subtree from its old ancestors, then hang it under the new parent's chain.
    DELETE FROM org_closure c
    USING org_closure sub, org_closure sup
    WHERE sub.ancestor_id = NEW.id AND c.descendant_id = sub.descendant_id
      AND sup.descendant_id = NEW.id AND sup.depth > 0 AND c.ancestor_id = sup.ancestor_id;
    IF NEW.parent_id IS NOT NULL THEN
        INSERT INTO org_closure (ancestor_id, descendant_id, depth)
        SELECT sup.ancestor_id, sub.descendant_id, sup.depth + sub.depth + 1
        FROM org_closure sup, org_closure sub
        WHERE sup.descendant_id = NEW.parent_id AND sub.ancestor_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER organization_closure_insert AFTER INSERT ON organization
    FOR EACH ROW EXECUTE FUNCTION org_closure_insert();
CREATE TRIGGER organization_closure_move AFTER UPDATE OF parent_id ON organization
    FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION org_closure_move();

-- Accounts: responders read and reply for an organisation's subtree; admins also manage it.
ALTER TABLE user_role DROP CONSTRAINT user_role_role_check;
ALTER TABLE user_role ADD CONSTRAINT user_role_role_check
    CHECK (role IN ('CITIZEN', 'ORG_ADMIN', 'ORG_RESPONDER', 'MODERATOR', 'ADMIN'));
ALTER TABLE user_role DROP CONSTRAINT user_role_scope;
ALTER TABLE user_role ADD CONSTRAINT user_role_scope
    CHECK ((role IN ('ORG_ADMIN', 'ORG_RESPONDER')) = (organization_id IS NOT NULL));

-- Rating: one official reply per questionnaire, signed with the organisation that gave it.
CREATE TABLE questionnaire_reply (
    questionnaire_id BIGINT        PRIMARY KEY REFERENCES questionnaire (id),
    organization_id  BIGINT        NOT NULL,
    organization_name VARCHAR(500) NOT NULL,
    text             VARCHAR(4000) NOT NULL,
    author_id        BIGINT        NOT NULL,
    author_name      VARCHAR(80)   NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- The cabinet reads the feed of a subtree newest first: the organisation and id order serve it.
CREATE INDEX questionnaire_organization_id ON questionnaire (organization_id, id DESC);

-- Platform: audit entries name the organisation they concern, so that its admins can read them.
ALTER TABLE audit_event ADD COLUMN organization_id BIGINT;
CREATE INDEX audit_event_organization ON audit_event (organization_id, occurred_at DESC);
