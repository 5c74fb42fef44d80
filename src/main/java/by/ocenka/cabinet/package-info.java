/**
 * The organisations' cabinet: what organisation admins and the bodies above them do with their subtree (issuing
 * organisation admins today). It composes the account, catalogue and rating features through their APIs.
 */
package by.ocenka.cabinet;
