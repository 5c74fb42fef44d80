package by.ocenka.cabinet.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.catalog.CatalogService;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.AuditLog;
import by.ocenka.platform.HeavyRequests;
import by.ocenka.platform.Minsk;
import by.ocenka.platform.PublicUrls;
import by.ocenka.platform.SpooledFiles;
import by.ocenka.rating.SubtreeFigures;
import org.springframework.context.MessageSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The files a cabinet hands out: a period's questionnaires as CSV or XLSX (streamed), a poster with the QR code for one
 * organisation, and the posters of a whole subtree in one PDF. The scope is checked once per request, here; the heavy
 * ones (exports, poster sets) take one of the user's places ({@link HeavyRequests}) only after it.
 */
@Service
public class CabinetFiles {

    /** An export covers at most this many days (a year and a month): a longer history is several files. */
    static final int MAX_EXPORT_DAYS = 400;
    /** A batch of posters prints at most this many organisations (the head and its units by depth). */
    static final int MAX_POSTERS = 500;

    /** A file to send: its name, its type, and its bytes as they come. */
    public record File(String name, MediaType type, Flux<DataBuffer> body) {
    }

    private final CabinetAccess access;
    private final CabinetFeed feed;
    private final AuditLog audit;
    private final HeavyRequests heavy;
    private final Posters posters;
    private final PublicUrls urls;
    private final Clock clock;
    private final CatalogService catalog;
    private final MessageSource messages;

    CabinetFiles(CabinetAccess access, CabinetFeed feed, AuditLog audit, HeavyRequests heavy, Posters posters,
                 PublicUrls urls, Clock clock, CatalogService catalog, MessageSource messages) {
        this.catalog = catalog;
        this.messages = messages;
        this.access = access;
        this.feed = feed;
        this.audit = audit;
        this.heavy = heavy;
        this.posters = posters;
        this.urls = urls;
        this.clock = clock;
    }

    /**
     * The subtree's questionnaires of [from, to] (by default the last twelve months) as {@code csv} (for programs: codes,
     * commas, as the API documents), {@code excel-csv} (for a spreadsheet: the reader's language, semicolons, a decimal
     * comma) or {@code xlsx} (the reader's language); 400 for another format or a period that ends before it begins or
     * spans more than 400 days; 429 while two of the user's heavy requests run. Audited.
     */
    public Mono<File> export(CurrentUser user, long organizationId, String format, LocalDate from, LocalDate to,
                             Locale locale, DataBufferFactory buffers) {
        String kind = format == null ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        if (!kind.equals("csv") && !kind.equals("xlsx") && !kind.equals("excel-csv")) {
            return Mono.error(ApiException.invalid("format", "validation.format"));
        }
        LocalDate end = to != null ? to : Minsk.today(clock);
        LocalDate start = from != null ? from : SubtreeFigures.defaultFrom(end);
        if (start.isAfter(end)) {
            return Mono.error(ApiException.invalid("from", "validation.period"));
        }
        if (start.plusDays(MAX_EXPORT_DAYS).isBefore(end)) {
            return Mono.error(ApiException.invalid("from", "validation.period.too-long", MAX_EXPORT_DAYS));
        }
        return access.check(user, organizationId, Need.READ).flatMap(scope -> heavy.acquire(user.id())
                .flatMap(place -> audit.record(user.id(), "questionnaires.export", "organization:" + organizationId,
                                organizationId, Map.of("format", kind, "from", start.toString(), "to", end.toString()))
                        .doOnError(e -> place.run())
                        .thenReturn(place))
                .flatMap(place -> (kind.equals("csv") ? Mono.just(QuestionnaireExport.Labels.CODES)
                        : labels(organizationId, locale, kind.equals("excel-csv"))).map(labels -> {
                    var rows = feed.period(scope, start, end);
                    Flux<DataBuffer> body = HeavyRequests.holding(place, kind.equals("xlsx")
                            ? QuestionnaireExport.xlsx(rows, buffers, labels) : QuestionnaireExport.csv(rows, buffers, labels));
                    MediaType type = kind.equals("xlsx")
                            ? MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                            : MediaType.parseMediaType("text/csv;charset=UTF-8");
                    return new File("ocenka-" + organizationId + "-" + start + "-" + end + "."
                            + (kind.equals("xlsx") ? "xlsx" : "csv"), type, body);
                })));
    }

    /** The columns and words of a file for people, in the reader's language (the criteria as the organisation names them). */
    private Mono<QuestionnaireExport.Labels> labels(long organizationId, Locale locale, boolean spreadsheetCsv) {
        return catalog.organization(organizationId, locale).map(detail -> {
            Map<String, String> criteria = new HashMap<>();
            detail.criteria().forEach(c -> criteria.put(c.code(), c.name()));
            List<String> header = QuestionnaireExport.HEADER.stream().map(code -> criteria.containsKey(code)
                    ? criteria.get(code) : messages.getMessage("export.column." + code, null, code, locale)).toList();
            Map<String, String> statuses = new HashMap<>();
            for (String status : List.of("PUBLISHED", "HELD", "HIDDEN", "REJECTED")) {
                statuses.put(status, messages.getMessage("export.status." + status, null, status, locale));
            }
            return new QuestionnaireExport.Labels(header, criteria, statuses,
                    messages.getMessage("export.yes", null, locale), messages.getMessage("export.no", null, locale),
                    spreadsheetCsv ? ';' : ',', spreadsheetCsv);
        });
    }

    /** A printable A4 poster of the organisation, {@code pdf} or {@code svg} (400 for another format). */
    public Mono<File> poster(CurrentUser user, long organizationId, String format, Locale language) {
        String kind = format == null ? "pdf" : format.strip().toLowerCase(Locale.ROOT);
        if (!kind.equals("pdf") && !kind.equals("svg")) {
            return Mono.error(ApiException.invalid("format", "validation.format"));
        }
        return access.check(user, organizationId, Need.READ)
                .flatMap(scope -> Mono.fromCallable(() -> {
                    Posters.Poster poster = new Posters.Poster(scope.name(), urls.rateUrl(organizationId));
                    return kind.equals("pdf") ? posters.pdf(List.of(poster), language) : posters.svg(poster, language);
                }).subscribeOn(Schedulers.boundedElastic()))
                .map(bytes -> new File("poster-" + organizationId + "." + kind,
                        kind.equals("pdf") ? MediaType.APPLICATION_PDF : MediaType.valueOf("image/svg+xml"),
                        Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes))));
    }

    /**
     * The posters of the organisation and every unit of its subtree (at most {@value #MAX_POSTERS}) in one PDF, written
     * page by page to a temporary file and sent from it; 429 while two of the user's heavy requests run.
     */
    public Mono<File> posterSet(CurrentUser user, long organizationId, Locale language, DataBufferFactory buffers) {
        // The place is taken only once the caller may have the posters, and given back if listing them fails.
        return access.check(user, organizationId, Need.READ).flatMap(scope -> heavy.acquire(user.id())
                .flatMap(place -> access.subtree(organizationId, MAX_POSTERS)
                        .flatMap(ids -> access.names(ids).map(names -> ids.stream()
                                .map(unit -> new Posters.Poster(names.get(unit), urls.rateUrl(unit))).toList()))
                        .doOnError(e -> place.run())
                        .doOnCancel(place)
                        .map(list -> new File("posters-" + organizationId + ".pdf", MediaType.APPLICATION_PDF,
                                HeavyRequests.holding(place, SpooledFiles.send(out -> posters.pdf(list, language, out),
                                        buffers))))));
    }
}
