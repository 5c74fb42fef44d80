-- Fair play (docs/FAIRPLAY.md): a questionnaire from a burst, from the organisation's own staff or with an improbable
-- pattern is stored HELD, out of the aggregates and the public reviews, until a moderator releases it (PUBLISHED) or
-- rejects it (REJECTED). hold_reason stays after the decision, so the figures can say what was held and why.
ALTER TABLE questionnaire DROP CONSTRAINT questionnaire_status_check;
ALTER TABLE questionnaire ADD CONSTRAINT questionnaire_status_check
    CHECK (status IN ('PUBLISHED', 'HIDDEN', 'HELD', 'REJECTED'));
ALTER TABLE questionnaire ADD COLUMN hold_reason VARCHAR(32)
    CHECK (hold_reason IN ('staff', 'network', 'new-accounts', 'pattern'));
ALTER TABLE questionnaire ADD COLUMN hold_decided_at TIMESTAMPTZ;
-- The moderators' queue and the organisation page's "held" line read only the questionnaires fair play stopped.
CREATE INDEX questionnaire_held ON questionnaire (organization_id, status, hold_reason) WHERE hold_reason IS NOT NULL;
