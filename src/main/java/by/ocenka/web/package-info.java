/**
 * The citizens' pages (Thymeleaf over the features' public services) and the one error handler that turns every
 * failure into an RFC 9457 problem or an error page. Nothing depends on it.
 */
package by.ocenka.web;
