-- Polls (survey module): moderators create them, anyone answers without an account. Texts are kept per language
-- as JSON objects {"ru": …, "be": …, "en": …} (Russian required, the others fall back to it).
CREATE TABLE survey (
    id          BIGSERIAL   PRIMARY KEY,
    title       JSONB       NOT NULL,
    description JSONB       NOT NULL DEFAULT '{}',
    opens_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    closes_at   TIMESTAMPTZ NOT NULL,
    created_by  BIGINT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (closes_at > opens_at)
);

CREATE TABLE survey_question (
    id        BIGSERIAL   PRIMARY KEY,
    survey_id BIGINT      NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
    position  INTEGER     NOT NULL,
    kind      VARCHAR(16) NOT NULL CHECK (kind IN ('single', 'multiple', 'text')),
    text      JSONB       NOT NULL
);
CREATE INDEX survey_question_survey ON survey_question (survey_id, position);

CREATE TABLE survey_option (
    id          BIGSERIAL PRIMARY KEY,
    question_id BIGINT    NOT NULL REFERENCES survey_question (id) ON DELETE CASCADE,
    position    INTEGER   NOT NULL,
    text        JSONB     NOT NULL
);
CREATE INDEX survey_option_question ON survey_option (question_id, position);

-- One response per browser (a random token in a cookie, kept hashed) and per account; the client address, hashed,
-- only to limit how many one address may send.
CREATE TABLE survey_response (
    id           BIGSERIAL   PRIMARY KEY,
    survey_id    BIGINT      NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
    browser      CHAR(64)    NOT NULL,
    user_id      BIGINT,
    address      CHAR(64)    NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT survey_response_browser UNIQUE (survey_id, browser)
);
CREATE UNIQUE INDEX survey_response_user ON survey_response (survey_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX survey_response_address ON survey_response (survey_id, address, created_at);

CREATE TABLE survey_answer (
    response_id BIGINT        NOT NULL REFERENCES survey_response (id) ON DELETE CASCADE,
    question_id BIGINT        NOT NULL REFERENCES survey_question (id) ON DELETE CASCADE,
    option_id   BIGINT        REFERENCES survey_option (id) ON DELETE CASCADE,
    text        VARCHAR(2000)
);
CREATE INDEX survey_answer_question ON survey_answer (question_id, option_id);
