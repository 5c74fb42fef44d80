/**
 * Ratings: questionnaires, the daily limit, the running aggregates and rankings in Redis, rank snapshots, live
 * events. API: {@link by.ocenka.rating.RatingSubmission}, {@link by.ocenka.rating.Reviews},
 * {@link by.ocenka.rating.Rankings}, {@link by.ocenka.rating.Statistics} and
 * {@link by.ocenka.rating.QuestionnaireModeration}; for the cabinet, a subtree's questionnaires and figures
 * ({@link by.ocenka.rating.SubtreeQuestionnaires}, {@link by.ocenka.rating.SubtreeFigures}). Owns the tables criterion,
 * questionnaire, org_rating and rank_snapshot, and the Redis keys of {@code internal.RatingKeys}. Listens to the account feature's events to keep
 * the names reviews are signed with.
 */
package by.ocenka.rating;
