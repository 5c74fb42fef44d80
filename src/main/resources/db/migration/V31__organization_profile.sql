-- What an organisation keeps about itself in the cabinet (the Instruction's "сведения об организации"): an e-mail and
-- a short description beside the address, phones, site and hours it already had, and its list of services and
-- administrative procedures that citizens pick on the form. A removed service is retired, never deleted: past
-- questionnaires may name it.
ALTER TABLE organization ADD COLUMN email VARCHAR(120);
ALTER TABLE organization ADD COLUMN description VARCHAR(1000);

CREATE TABLE organization_service (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT       NOT NULL REFERENCES organization (id),
    name_ru         VARCHAR(200) NOT NULL,
    name_be         VARCHAR(200),
    name_en         VARCHAR(200),
    is_procedure    BOOLEAN      NOT NULL DEFAULT false,
    position        INTEGER      NOT NULL,
    retired_at      TIMESTAMPTZ
);
CREATE INDEX organization_service_offered ON organization_service (organization_id, position) WHERE retired_at IS NULL;
