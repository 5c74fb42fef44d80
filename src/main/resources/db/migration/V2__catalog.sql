-- Catalogue: spheres of life and their categories, regions and districts, and the organisations with their
-- hierarchy (a body -> subordinate organisations -> structural units, any depth).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE sphere (
    id       SMALLINT PRIMARY KEY,
    code     VARCHAR(32)  NOT NULL UNIQUE,
    name_ru  VARCHAR(128) NOT NULL,
    name_be  VARCHAR(128) NOT NULL,
    name_en  VARCHAR(128) NOT NULL,
    icon     VARCHAR(32)  NOT NULL,
    position SMALLINT     NOT NULL
);

CREATE TABLE category (
    id        INTEGER PRIMARY KEY,
    sphere_id SMALLINT     NOT NULL REFERENCES sphere (id),
    code      VARCHAR(48)  NOT NULL UNIQUE,
    name_ru   VARCHAR(160) NOT NULL,
    name_be   VARCHAR(160) NOT NULL,
    name_en   VARCHAR(160) NOT NULL
);
CREATE INDEX category_sphere ON category (sphere_id);

CREATE TABLE region (
    id      SMALLINT PRIMARY KEY,
    code    VARCHAR(16)  NOT NULL UNIQUE,
    name_ru VARCHAR(128) NOT NULL,
    name_be VARCHAR(128) NOT NULL,
    name_en VARCHAR(128) NOT NULL,
    center  VARCHAR(64)  NOT NULL
);

CREATE TABLE district (
    id        INTEGER PRIMARY KEY,
    region_id SMALLINT     NOT NULL REFERENCES region (id),
    name_ru   VARCHAR(128) NOT NULL,
    name_be   VARCHAR(128),
    name_en   VARCHAR(128),
    center    VARCHAR(64)  NOT NULL,
    latitude  DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL
);
CREATE INDEX district_region ON district (region_id);

CREATE TABLE organization (
    id          BIGSERIAL PRIMARY KEY,
    name        VARCHAR(300) NOT NULL,
    name_be     VARCHAR(300),
    short_name  VARCHAR(160),
    unp         CHAR(9),
    sphere_id   SMALLINT     NOT NULL REFERENCES sphere (id),
    category_id INTEGER      NOT NULL REFERENCES category (id),
    region_id   SMALLINT     NOT NULL REFERENCES region (id),
    district_id INTEGER      REFERENCES district (id),
    address     VARCHAR(300) NOT NULL,
    latitude    DOUBLE PRECISION,
    longitude   DOUBLE PRECISION,
    phone       VARCHAR(64),
    site        VARCHAR(200),
    hours       VARCHAR(200),
    parent_id   BIGINT       REFERENCES organization (id),
    status      VARCHAR(16)  NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'PENDING', 'ARCHIVED')),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    search_vector TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('russian', name), 'A') ||
        setweight(to_tsvector('russian', coalesce(short_name, '')), 'A') ||
        setweight(to_tsvector('russian', address), 'C')) STORED,
    CONSTRAINT organization_unp_digits CHECK (unp ~ '^[0-9]{9}$'),
    CONSTRAINT organization_coordinates CHECK ((latitude IS NULL) = (longitude IS NULL)
        AND (latitude IS NULL OR (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180)))
);
CREATE UNIQUE INDEX organization_unp ON organization (unp) WHERE unp IS NOT NULL;
CREATE INDEX organization_parent ON organization (parent_id);
CREATE INDEX organization_sphere ON organization (sphere_id, category_id);
CREATE INDEX organization_place ON organization (region_id, district_id);
CREATE INDEX organization_coordinates_idx ON organization (longitude, latitude) WHERE status = 'ACTIVE';
CREATE INDEX organization_search ON organization USING GIN (search_vector);
CREATE INDEX organization_name_trgm ON organization USING GIN (lower(name) gin_trgm_ops);
CREATE INDEX organization_address_trgm ON organization USING GIN (lower(address) gin_trgm_ops);
