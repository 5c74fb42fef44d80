/**
 * Moderation: citizens' requests to add organisations and the moderators' queue, and registry imports. API:
 * {@link by.ocenka.moderation.ModerationService}; organisations' requests to change their name, UNP or parent:
 * {@link by.ocenka.moderation.ChangeRequests}. Owns the tables org_request and org_change_request.
 */
package by.ocenka.moderation;
