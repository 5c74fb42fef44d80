-- The name a questionnaire is signed with in the public reviews, kept by the rating feature itself (set when the
-- questionnaire is written, changed when its author renames or deletes the account), so that reading reviews needs
-- no other feature's table. Null: shown as anonymous.
ALTER TABLE questionnaire ADD COLUMN author_name VARCHAR(80);

-- Once, for the questionnaires written before: the names their authors have now.
UPDATE questionnaire q SET author_name = u.display_name FROM app_user u WHERE u.id = q.user_id AND u.deleted_at IS NULL;
