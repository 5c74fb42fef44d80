-- A citizen may turn off the mail that tells them an organisation answered their questionnaire (issue 31).
ALTER TABLE app_user ADD COLUMN mail_on_reply BOOLEAN NOT NULL DEFAULT TRUE;
