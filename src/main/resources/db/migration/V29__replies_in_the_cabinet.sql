-- A reply is the cabinet's (its text, author, organisation and audit: questionnaire_reply); the questionnaire keeps
-- only when it was answered, which the rating's own figures (the share answered, the median wait) and the cabinet feed's
-- "replied" filter read without the cabinet's table.
ALTER TABLE questionnaire ADD COLUMN replied_at TIMESTAMPTZ;
UPDATE questionnaire q SET replied_at = r.created_at FROM questionnaire_reply r WHERE r.questionnaire_id = q.id;
