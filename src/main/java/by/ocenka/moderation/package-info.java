/**
 * Moderation: citizens' requests to add organisations and the moderators' queue, and registry imports. API:
 * {@link by.ocenka.moderation.ModerationService}. Owns the table org_request.
 */
package by.ocenka.moderation;
