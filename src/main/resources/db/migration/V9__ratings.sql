-- Ratings: the criteria (five base ones, and extra ones a body sets for itself and its subtree), the citizens'
-- questionnaires (the truth every aggregate is rebuilt from), the aggregate per organisation that the reconciler
-- keeps, and the daily rank snapshots that rank changes are computed against.

CREATE TABLE criterion (
    id              SERIAL PRIMARY KEY,
    code            VARCHAR(32)  NOT NULL,
    organization_id BIGINT       REFERENCES organization (id),
    name_ru         VARCHAR(200) NOT NULL,
    name_be         VARCHAR(200) NOT NULL,
    name_en         VARCHAR(200) NOT NULL,
    position        SMALLINT     NOT NULL,
    CONSTRAINT criterion_code CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$')
);
-- Codes are unique among the base criteria and within one body's extra ones.
CREATE UNIQUE INDEX criterion_unique ON criterion (coalesce(organization_id, 0), code);

INSERT INTO criterion (code, organization_id, name_ru, name_be, name_en, position) VALUES
('SIMPLICITY', NULL, 'Простота и понятность получения услуги', 'Прастата і зразумеласць атрымання паслугі', 'Simplicity and clarity of getting the service', 1),
('INFORMATION', NULL, 'Доступность информации об услуге', 'Даступнасць інфармацыі пра паслугу', 'Availability of information about the service', 2),
('TIMELINESS', NULL, 'Соблюдение установленных сроков', 'Выкананне ўстаноўленых тэрмінаў', 'Keeping to the set time', 3),
('POLITENESS', NULL, 'Вежливость и доброжелательность персонала', 'Ветлівасць і зычлівасць персаналу', 'Politeness and goodwill of the staff', 4),
('OVERALL', NULL, 'Общее впечатление', 'Агульнае ўражанне', 'Overall impression', 5);

CREATE TABLE questionnaire (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT        NOT NULL REFERENCES organization (id),
    user_id         BIGINT        NOT NULL REFERENCES app_user (id),
    local_date      DATE          NOT NULL,
    scores          JSONB         NOT NULL,
    mean            NUMERIC(7, 6) NOT NULL CHECK (mean BETWEEN 1 AND 5),
    service_name    VARCHAR(200),
    service_date    DATE,
    comment         VARCHAR(2000),
    status          VARCHAR(16)   NOT NULL DEFAULT 'PUBLISHED' CHECK (status IN ('PUBLISHED', 'HIDDEN')),
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    -- The daily limit's backstop: whatever Redis forgets, one questionnaire per citizen, organisation and Minsk day.
    CONSTRAINT questionnaire_daily UNIQUE (user_id, organization_id, local_date)
);
CREATE INDEX questionnaire_organization ON questionnaire (organization_id, created_at DESC);
CREATE INDEX questionnaire_user ON questionnaire (user_id, created_at DESC);
CREATE INDEX questionnaire_month ON questionnaire (local_date);

CREATE TABLE org_rating (
    organization_id BIGINT PRIMARY KEY REFERENCES organization (id),
    ratings_count   BIGINT           NOT NULL,
    sum_means       DOUBLE PRECISION NOT NULL,
    satisfied_count BIGINT           NOT NULL,
    criterion_sums  JSONB            NOT NULL,
    updated_at      TIMESTAMPTZ      NOT NULL DEFAULT now()
);

CREATE TABLE rank_snapshot (
    day             DATE        NOT NULL,
    scope           VARCHAR(16) NOT NULL,
    scope_id        BIGINT      NOT NULL,
    organization_id BIGINT      NOT NULL,
    position        INTEGER     NOT NULL,
    PRIMARY KEY (day, scope, scope_id, organization_id)
);

-- Sortable copies of each organisation's figures, kept by the reconciler, so that the catalogue can page through
-- "best first" with its own indexes; what pages show comes fresh from the aggregates.
ALTER TABLE organization ADD COLUMN ratings_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE organization ADD COLUMN score DOUBLE PRECISION;
ALTER TABLE organization ADD COLUMN rank_score DOUBLE PRECISION;
CREATE INDEX organization_rank_score ON organization (rank_score DESC NULLS LAST) WHERE status = 'ACTIVE';
