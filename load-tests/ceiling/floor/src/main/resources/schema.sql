CREATE TABLE IF NOT EXISTS floor_questionnaire (
    id              bigserial PRIMARY KEY,
    organization_id bigint      NOT NULL,
    user_id         bigint      NOT NULL,
    local_date      date        NOT NULL,
    scores          jsonb       NOT NULL,
    mean            numeric(9, 6) NOT NULL,
    comment         text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT floor_questionnaire_daily UNIQUE (user_id, organization_id, local_date)
);
