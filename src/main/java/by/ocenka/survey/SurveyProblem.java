package by.ocenka.survey;

import by.ocenka.platform.ProblemCode;

/** The problems the polls answer with; the poll page turns the first three into a line above the results. */
public enum SurveyProblem implements ProblemCode {
    SURVEY_ANSWERED,
    SURVEY_CLOSED,
    SURVEY_TOO_MANY,
    SURVEY_NOT_FOUND
}
