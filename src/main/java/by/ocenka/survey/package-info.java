/**
 * Polls: moderators create, schedule and close them; anyone answers without an account (one response per browser
 * and per account, a limit per address); results as counts and shares, and as CSV. API: {@link by.ocenka.survey.Surveys}.
 * Owns the tables survey, survey_question, survey_option, survey_response, survey_answer.
 */
package by.ocenka.survey;
