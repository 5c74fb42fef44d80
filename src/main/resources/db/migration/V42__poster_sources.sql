-- Where the ratings come from (issue 31): per organisation, month and poster label, how often the rating form was
-- opened from that poster's QR code and how many ratings followed. Counted in memory and added here in batches.
CREATE TABLE poster_source_month (
    organization_id BIGINT      NOT NULL,
    month           DATE        NOT NULL,
    source          VARCHAR(30) NOT NULL,
    opened          BIGINT      NOT NULL DEFAULT 0,
    rated           BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, month, source)
);
