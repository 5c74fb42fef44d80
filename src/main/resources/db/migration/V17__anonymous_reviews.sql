-- A citizen may have their reviews shown without their name (they are signed with none).
ALTER TABLE app_user ADD COLUMN anonymous_reviews BOOLEAN NOT NULL DEFAULT false;
