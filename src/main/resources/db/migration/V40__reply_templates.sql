-- Reply templates (issue 31): an organisation keeps texts its staff start a reply from; its units see them too.
CREATE TABLE reply_template (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT        NOT NULL REFERENCES organization (id),
    position        INT           NOT NULL,
    title           VARCHAR(120)  NOT NULL,
    text            VARCHAR(4000) NOT NULL,
    updated_by      BIGINT,
    updated_at      TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX reply_template_organization ON reply_template (organization_id, position);
