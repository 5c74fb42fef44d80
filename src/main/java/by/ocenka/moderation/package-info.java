/**
 * Moderation: citizens' requests to add organisations and the moderators' queue, and registry imports. API:
 * {@link by.ocenka.moderation.ModerationService}; organisations' requests to change their name, UNP or parent:
 * {@link by.ocenka.moderation.ChangeRequests}; their requests to review a questionnaire they doubt:
 * {@link by.ocenka.moderation.ReviewRequests}. Owns the tables org_request, org_change_request and review_request.
 */
package by.ocenka.moderation;
