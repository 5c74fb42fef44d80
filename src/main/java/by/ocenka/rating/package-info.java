/**
 * Ratings: questionnaires, the daily limit, the running aggregates and rankings in Redis, rank snapshots, live
 * events. API: {@link by.ocenka.rating.RatingSubmission}, {@link by.ocenka.rating.Reviews},
 * {@link by.ocenka.rating.Rankings}, {@link by.ocenka.rating.Statistics} and
 * {@link by.ocenka.rating.QuestionnaireModeration}; for the cabinet, a subtree's questionnaires and figures
 * ({@link by.ocenka.rating.SubtreeQuestionnaires}, {@link by.ocenka.rating.SubtreeFigures}); for the admin, the old
 * portal's history ({@link by.ocenka.rating.HistoryImport}). Owns the tables criterion, questionnaire,
 * questionnaire_import, org_rating and rank_snapshot, and the Redis keys of {@code internal.RatingKeys}. Listens to the account feature's events to keep
 * the names reviews are signed with.
 */
package by.ocenka.rating;
