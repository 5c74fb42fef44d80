/**
 * The page layer every feature's pages stand on: the layout, the page model, the dialects, the error pages and the one
 * error handler that turns every failure into an RFC 9457 problem or an error page, and the page cache
 * ({@code cache}), which answers most public GETs from kept bytes. It knows no feature: features use it.
 */
package by.ocenka.web;
