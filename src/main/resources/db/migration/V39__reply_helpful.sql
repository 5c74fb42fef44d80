-- Was the answer useful? The author of a questionnaire marks the organisation's reply helpful or not, once (issue 31).
ALTER TABLE questionnaire_reply ADD COLUMN helpful BOOLEAN, ADD COLUMN helpful_marked_at TIMESTAMPTZ;
-- The share of helpful replies over a year, per organisation.
CREATE INDEX questionnaire_reply_marked ON questionnaire_reply (organization_id, helpful_marked_at) WHERE helpful IS NOT NULL;
