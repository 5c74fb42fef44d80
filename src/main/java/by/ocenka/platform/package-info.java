/**
 * Platform: what every feature shares. Its API (this package): {@link by.ocenka.platform.ApiException} (the one way
 * a feature refuses a request), paging ({@link by.ocenka.platform.Page}, {@link by.ocenka.platform.PageRequest}),
 * the request's language ({@link by.ocenka.platform.Languages}), the public address ({@link by.ocenka.platform.PublicUrls}),
 * the Minsk calendar, the client's address, the mail outbox, Lua scripts by SHA, local caches, the demo data
 * contract and the security chain's extension point. Internals: the embedded servers and run modes
 * ({@code embedded}), the security chain, sessions and write limits ({@code security}), the mail worker and the
 * local inbox ({@code mail}), the demo loader ({@code demo}), and configuration ({@code config}).
 */
package by.ocenka.platform;
