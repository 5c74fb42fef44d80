/**
 * Accounts: citizens and staff, registration, login (password and social), tokens, roles. API:
 * {@link by.ocenka.account.AccountService}, {@link by.ocenka.account.LoginSessions}, {@link by.ocenka.account.CurrentUser}
 * and the events of {@link by.ocenka.account.AccountEvents}. Owns the tables app_user, user_role, user_identity and
 * account_token, and the login throttle's Redis keys.
 */
package by.ocenka.account;
