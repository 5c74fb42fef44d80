package by.ocenka.rating;

import by.ocenka.platform.ProblemCode;

/** The problems the rating module answers with, for callers that act on one (the form's daily-limit page). */
public enum RatingProblem implements ProblemCode {
    /** The citizen has already rated this organisation today (Minsk time). */
    DAILY_LIMIT,
    /** The questionnaire is not waiting for a moderator. */
    NOT_HELD,
    /** The account's address is not confirmed yet. */
    EMAIL_NOT_CONFIRMED,
    /** The questionnaire could not be stored (the database is out of reach); nothing was counted. */
    STORAGE_UNAVAILABLE,
    QUESTIONNAIRE_NOT_FOUND
}
