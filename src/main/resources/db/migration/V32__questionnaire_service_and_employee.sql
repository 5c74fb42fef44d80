-- A citizen picks the service from the organisation's list (its id kept beside the name it had then) and may name
-- the employee they dealt with: shown to the organisation only, never in public reviews, feeds or open data.
ALTER TABLE questionnaire ADD COLUMN service_id BIGINT;
ALTER TABLE questionnaire ADD COLUMN employee VARCHAR(120);
