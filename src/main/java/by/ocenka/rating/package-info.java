/**
 * Ratings: questionnaires, the daily limit, the running aggregates and rankings in Redis, rank snapshots, live
 * events. API: {@link by.ocenka.rating.RatingSubmission}, {@link by.ocenka.rating.Reviews},
 * {@link by.ocenka.rating.Rankings}, {@link by.ocenka.rating.Statistics} and
 * {@link by.ocenka.rating.QuestionnaireModeration}; for the cabinet, a subtree's questionnaires and figures
 * ({@link by.ocenka.rating.SubtreeQuestionnaires}, {@link by.ocenka.rating.SubtreeFigures}); for the admin, the old
 * portal's history ({@link by.ocenka.rating.HistoryImport}); what comments speak of ({@link by.ocenka.rating.CommentThemes},
 * the vocabulary moderators extend through {@link by.ocenka.rating.ThemeTerms}), and the improvements organisations
 * publish as the pages show them ({@link by.ocenka.rating.PublishedImprovements}, which the cabinet implements). Owns
 * the tables criterion, questionnaire, questionnaire_import, org_rating, rank_snapshot, theme_term and theme_retag, and the Redis keys of {@code internal.RatingKeys}. Listens to the account feature's events to keep
 * the names reviews are signed with.
 */
package by.ocenka.rating;
