package by.ocenka.rating.pages;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import by.ocenka.catalog.CatalogRecords.OrganizationDetail;
import by.ocenka.catalog.CatalogService;
import by.ocenka.platform.Languages;
import by.ocenka.platform.PublicUrls;
import by.ocenka.rating.CommentThemes;
import by.ocenka.rating.PublishedImprovements;
import by.ocenka.rating.RatingRecords.Review;
import by.ocenka.rating.ThemeRecords.Improvement;
import by.ocenka.rating.Reviews;
import by.ocenka.web.Formats;
import by.ocenka.web.PageController;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What other sites embed: an organisation's badge ({@code /o/{id}/badge.svg}: the score, the count and the portal's
 * mark, in the page's language, kept by browsers and proxies for five minutes) and an Atom feed of its published
 * comments and the organisation's replies ({@code /o/{id}/reviews.atom}, RFC 4287). Both are built from figures and
 * reviews the portal already keeps in memory; 404 for an organisation that does not exist.
 */
@PageController
class EmbedPages {

    static final MediaType SVG = MediaType.parseMediaType("image/svg+xml;charset=UTF-8");
    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");
    private static final CacheControl FIVE_MINUTES = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();
    private static final int FEED_ENTRIES = 30;

    private final CatalogService catalog;
    private final Reviews reviews;
    private final PublicUrls urls;
    private final MessageSource messages;
    private final ObjectProvider<PublishedImprovements> improvements;

    EmbedPages(CatalogService catalog, Reviews reviews, PublicUrls urls, MessageSource messages,
               ObjectProvider<PublishedImprovements> improvements) {
        this.improvements = improvements;
        this.catalog = catalog;
        this.reviews = reviews;
        this.urls = urls;
        this.messages = messages;
    }

    @GetMapping("/o/{id}/badge.svg")
    Mono<ResponseEntity<String>> badge(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return catalog.organization(id, locale).map(org -> ResponseEntity.ok().contentType(SVG).cacheControl(FIVE_MINUTES)
                .header("Vary", "Accept-Language, Cookie").body(badge(org, locale)));
    }

    @GetMapping("/o/{id}/reviews.atom")
    Mono<ResponseEntity<String>> feed(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return catalog.organization(id, locale).flatMap(org -> Mono.zip(reviews.latest(id, FEED_ENTRIES),
                        improvements.getIfAvailable(() -> PublishedImprovements.NONE).of(id))
                .map(t -> ResponseEntity.ok().contentType(ATOM).cacheControl(FIVE_MINUTES)
                        .header("Vary", "Accept-Language, Cookie").body(feed(org, t.getT1(), t.getT2(), locale))));
    }

    /** A 200 × 40 badge: the mark and "Ocenka" on the left, the score and the count on the right. */
    String badge(OrganizationDetail org, Locale locale) {
        Formats formats = new Formats(locale);
        String score = org.score() == null ? text("org.unrated", locale) : formats.decimal(org.score(), 2);
        String count = text("org.ratingsCount", locale, org.ratingsCount());
        String colour = org.score() == null ? "#6b7580" : org.score() >= 4 ? "#1b6e34" : org.score() >= 3 ? "#8a5a00" : "#b3261e";
        String title = text("embed.badge.title", locale, org.name(), score, count);
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" viewBox="0 0 200 40" role="img" aria-label="%1$s">
                  <title>%1$s</title>
                  <rect width="200" height="40" rx="6" fill="%2$s"/>
                  <rect width="74" height="40" rx="6" fill="#0b5cad"/>
                  <rect x="68" width="6" height="40" fill="#0b5cad"/>
                  <path d="M17 9l2.9 5.9 6.5.9-4.7 4.6 1.1 6.5-5.8-3.1-5.8 3.1 1.1-6.5-4.7-4.6 6.5-.9z" fill="#ffd34d"/>
                  <text x="30" y="25" fill="#fff" font-family="Verdana, DejaVu Sans, sans-serif" font-size="12" font-weight="bold">%3$s</text>
                  <text x="82" y="19" fill="#fff" font-family="Verdana, DejaVu Sans, sans-serif" font-size="15" font-weight="bold">%4$s</text>
                  <text x="82" y="33" fill="#fff" font-family="Verdana, DejaVu Sans, sans-serif" font-size="10">%5$s</text>
                </svg>
                """.formatted(xml(title), colour, xml(text("brand", locale)), xml(score), xml(count));
    }

    /**
     * The feed: each improvement the organisation published («Вы сказали — мы сделали») an entry, then, newest first,
     * each published comment an entry and each reply an entry of its own.
     */
    String feed(OrganizationDetail org, List<Review> latest, List<Improvement> changes, Locale locale) {
        String page = urls.url("/o/" + org.id());
        OffsetDateTime updated = Stream.concat(
                        latest.stream().map(r -> r.reply() != null && r.reply().createdAt().isAfter(r.createdAt())
                                ? r.reply().createdAt() : r.createdAt()),
                        changes.stream().map(Improvement::publishedAt))
                .max(OffsetDateTime::compareTo).orElse(OffsetDateTime.parse("2026-01-01T00:00:00Z"));
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="%s">
                  <id>%s</id>
                  <title>%s</title>
                  <updated>%s</updated>
                  <link rel="self" type="application/atom+xml" href="%s"/>
                  <link rel="alternate" type="text/html" href="%s"/>
                  <author><name>%s</name></author>
                  <generator uri="%s">Ocenka</generator>
                """.formatted(locale.getLanguage(), xml(page + "/reviews.atom"), xml(text("embed.feed.title", locale, org.name())),
                time(updated), xml(page + "/reviews.atom"), xml(page), xml(org.name()), xml(urls.url("/"))));
        Formats formats = new Formats(locale);
        for (Improvement change : changes) {
            String figures = text(change.before().count() > 0 ? "improvements.before" : "improvements.before.none", locale,
                    CommentThemes.WINDOW_DAYS, change.before().mean() == null ? "" : formats.decimal(change.before().mean(), 2),
                    change.before().count())
                    + " " + text(change.after().count() > 0 ? "improvements.after" : "improvements.after.none", locale,
                    CommentThemes.WINDOW_DAYS, change.after().mean() == null ? "" : formats.decimal(change.after().mean(), 2),
                    change.after().count());
            xml.append("""
                      <entry>
                        <id>%s</id>
                        <title>%s</title>
                        <updated>%s</updated>
                        <published>%s</published>
                        <author><name>%s</name></author>
                        <category term="%s" label="%s"/>
                        <link rel="alternate" type="text/html" href="%s"/>
                        <content type="text">%s</content>
                      </entry>
                    """.formatted(xml(urls.url("/o/" + org.id() + "#improvement-" + change.id())),
                    xml(text("embed.feed.improvement", locale, change.title())), time(change.publishedAt()),
                    time(change.publishedAt()), xml(org.name()), change.theme().code(),
                    xml(text(change.theme().messageKey(), locale)), xml(page + "#improvement-" + change.id()),
                    xml(text("improvements.effectiveOn", locale, formats.date(change.effectiveOn())) + "\n\n"
                            + change.text() + "\n\n" + figures)));
        }
        for (Review review : latest) {
            if (review.comment() == null || review.comment().isBlank()) {
                continue;
            }
            String author = review.author() == null ? text("org.anonymous", locale) : review.author();
            xml.append("""
                      <entry>
                        <id>%s</id>
                        <title>%s</title>
                        <updated>%s</updated>
                        <published>%s</published>
                        <author><name>%s</name></author>
                        <link rel="alternate" type="text/html" href="%s"/>
                        <content type="text">%s</content>
                      </entry>
                    """.formatted(xml(urls.url("/o/" + org.id() + "#review-" + review.id())),
                    xml(text("embed.feed.review", locale, new Formats(locale).decimal(review.mean(), 2), author)),
                    time(review.createdAt()), time(review.createdAt()), xml(author), xml(page), xml(review.comment())));
            if (review.reply() != null) {
                xml.append("""
                          <entry>
                            <id>%s</id>
                            <title>%s</title>
                            <updated>%s</updated>
                            <author><name>%s</name></author>
                            <link rel="alternate" type="text/html" href="%s"/>
                            <content type="text">%s</content>
                          </entry>
                        """.formatted(xml(urls.url("/o/" + org.id() + "#reply-" + review.id())),
                        xml(text("embed.feed.reply", locale, author)), time(review.reply().createdAt()),
                        xml(review.reply().organization().name()),
                        xml(page), xml(review.reply().text())));
            }
        }
        return xml.append("</feed>\n").toString();
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static String time(OffsetDateTime time) {
        return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** Text for XML content and attributes; characters XML 1.0 cannot carry are left out. */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
