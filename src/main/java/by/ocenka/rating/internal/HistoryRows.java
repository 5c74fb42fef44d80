package by.ocenka.rating.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.ApiException.FieldProblem;

import static by.ocenka.platform.PostgresCopy.text;

/**
 * The old portal's CSV, record by record, as rows of the staging table ({@link HistoryImportRepository#COPY}, COPY's
 * text format). The header names the columns, in any order: {@code external_id}, {@code organization_id} and/or
 * {@code unp}, {@code date}, one column per criterion by its code, {@code service}, {@code comment}. What a row can be
 * told from itself and the catalogue is checked here (the organisation, the date, the scores, the lengths); whatever
 * needs the other rows or the database (an id repeated in the file, an extra criterion the organisation is not rated on)
 * is checked in SQL afterwards. A faulty row is staged too, with its problems as message keys and arguments, so that
 * nothing of a file is held in memory.
 * <p>
 * Scores: the five base criteria are required in every row, as the live form requires them (they are what the old
 * portal asked too). The extra criteria a body sets for its subtree were unknown to the old portal: a column may carry
 * them, and there a blank is "not scored".
 */
public final class HistoryRows {

    public static final String EXTERNAL_ID = "external_id";
    public static final String ORGANIZATION_ID = "organization_id";
    public static final String UNP = "unp";
    public static final String DATE = "date";
    public static final String SERVICE = "service";
    public static final String COMMENT = "comment";
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");
    private static final List<String> FIXED = List.of(EXTERNAL_ID, ORGANIZATION_ID, UNP, DATE, SERVICE, COMMENT);
    static final int MAX_EXTERNAL_ID = 64;
    static final int MAX_SERVICE = 200;
    static final int MAX_COMMENT = 2000;
    /** Strict: 31.02.2019 is refused, not read as the last day of February. */
    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("d.M.uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    /** What the rows are checked against: the catalogue's active organisations and the criteria's codes. */
    public record Catalogue(Map<Long, Long> parents, Map<String, Long> byUnp, List<String> baseCodes, Set<String> extraCodes) {
    }

    private final Catalogue catalogue;
    private final LocalDate today;
    private final LocalDate since;
    private Map<String, Integer> columns;
    private List<String> scoreColumns;
    private boolean extraColumns;
    private LocalDate earliest;
    private long rows;
    private ApiException failure;

    public HistoryRows(Catalogue catalogue, LocalDate today, LocalDate since) {
        this.catalogue = catalogue;
        this.today = today;
        this.since = since;
    }

    /** The staging rows of these records (COPY text, one line each); the file's first record is its header. */
    public String stage(List<CsvRecords.Record> records) {
        StringBuilder out = new StringBuilder(records.size() * 120);
        for (CsvRecords.Record record : records) {
            if (columns == null) {
                header(record);
            } else if (!record.fields().stream().allMatch(String::isBlank) || record.problem() != null) {
                rows++;
                stage(record, out);
            }
        }
        return out.toString();
    }

    /** After the last record: a file without a header (or without any row) is refused whole. */
    public void finish() {
        if (columns == null) {
            throw fail(List.of(new FieldProblem("file", "validation.history.empty")));
        }
    }

    /** The header's problem, or whatever refused the file as a whole; null while there is none. */
    public ApiException failure() {
        return failure;
    }

    /** Whether a column scores an extra criterion (then SQL checks each organisation is rated on it). */
    public boolean extraCriteria() {
        return extraColumns;
    }

    /** The earliest date of a row that passed the checks here (its month must have a partition); null when none. */
    public LocalDate earliest() {
        return earliest;
    }

    /** The data rows read (blank lines aside). */
    public long rows() {
        return rows;
    }

    private void header(CsvRecords.Record record) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Integer> found = new LinkedHashMap<>();
        List<String> scores = new ArrayList<>();
        for (int i = 0; i < record.fields().size(); i++) {
            String raw = record.fields().get(i).strip();
            String name = raw.toLowerCase(Locale.ROOT);
            String code = raw.toUpperCase(Locale.ROOT);
            boolean fixed = FIXED.contains(name);
            boolean criterion = !fixed && (catalogue.baseCodes().contains(code) || catalogue.extraCodes().contains(code));
            String key = criterion ? code : name;
            if (!fixed && !criterion) {
                problems.add(new FieldProblem("header", "validation.history.header.unknown", raw));
            } else if (found.putIfAbsent(key, i) != null) {
                problems.add(new FieldProblem("header", "validation.history.header.repeated", raw));
            } else if (criterion) {
                scores.add(code);
                extraColumns |= !catalogue.baseCodes().contains(code);
            }
        }
        for (String needed : List.of(EXTERNAL_ID, DATE)) {
            if (!found.containsKey(needed)) {
                problems.add(new FieldProblem("header", "validation.history.header.missing", needed));
            }
        }
        if (!found.containsKey(ORGANIZATION_ID) && !found.containsKey(UNP)) {
            problems.add(new FieldProblem("header", "validation.history.header.organization"));
        }
        for (String code : catalogue.baseCodes()) {
            if (!found.containsKey(code)) {
                problems.add(new FieldProblem("header", "validation.history.header.missing", code));
            }
        }
        if (record.problem() != null) {
            problems.add(new FieldProblem("header", "validation.history." + record.problem()));
        }
        if (!problems.isEmpty()) {
            throw fail(problems);
        }
        columns = found;
        scoreColumns = scores;
    }

    private ApiException fail(List<FieldProblem> problems) {
        failure = ApiException.invalid(problems);
        return failure;
    }

    private void stage(CsvRecords.Record record, StringBuilder out) {
        Problems problems = new Problems();
        String externalId = null;
        Long organizationId = null;
        LocalDate date = null;
        Map<String, Integer> scores = new LinkedHashMap<>();
        String service = null;
        String comment = null;
        if (record.problem() != null) {
            problems.add("validation.history." + record.problem());
        } else if (record.fields().size() != columns.size()) {
            problems.add("validation.history.fields", record.fields().size(), columns.size());
        } else {
            List<String> f = record.fields();
            externalId = field(f, EXTERNAL_ID);
            if (externalId == null) {
                problems.add("validation.history.externalId.required");
            } else if (externalId.length() > MAX_EXTERNAL_ID) {
                problems.add("validation.history.externalId.long", MAX_EXTERNAL_ID);
                externalId = null;
            }
            organizationId = organization(field(f, ORGANIZATION_ID), field(f, UNP), problems);
            date = date(field(f, DATE), problems);
            for (String code : scoreColumns) {
                String score = field(f, code);
                if (score == null) {
                    if (catalogue.baseCodes().contains(code)) {
                        problems.add("validation.history.score.required", code);
                    }
                } else if (score.length() != 1 || score.charAt(0) < '1' || score.charAt(0) > '5') {
                    problems.add("validation.history.score", code, shortened(score));
                } else {
                    scores.put(code, score.charAt(0) - '0');
                }
            }
            service = field(f, SERVICE);
            if (service != null && service.length() > MAX_SERVICE) {
                problems.add("validation.history.service.long", MAX_SERVICE);
            }
            comment = field(f, COMMENT);
            if (comment != null && comment.length() > MAX_COMMENT) {
                problems.add("validation.history.comment.long", MAX_COMMENT);
            }
        }
        boolean valid = problems.isEmpty();
        if (valid && (earliest == null || date.isBefore(earliest))) {
            earliest = date;
        }
        BigDecimal mean = valid ? Figures.questionnaireMean(scores.values()) : null;
        out.append(record.line()).append('\t').append(text(externalId)).append('\t').append(text(organizationId))
                .append('\t').append(text(date)).append('\t').append(valid ? ScoresJson.write(scores) : "\\N")
                .append('\t').append(mean == null ? "\\N" : mean.toPlainString()).append('\t').append(text(service))
                .append('\t').append(text(comment)).append('\t').append(valid ? "\\N" : text(problems.json()))
                .append('\n');
    }

    /** The organisation by its id, its UNP, or both (then the UNP is its own or that of a body above it). */
    private Long organization(String idText, String unp, Problems problems) {
        Long byId = null;
        if (idText != null) {
            byId = NUMBER.matcher(idText).matches() ? Long.valueOf(idText) : null;
            if (byId == null || !catalogue.parents().containsKey(byId)) {
                problems.add("validation.history.organization.unknown", shortened(idText));
                return null;
            }
        }
        if (unp == null) {
            if (byId == null) {
                problems.add("validation.history.organization.required");
            }
            return byId;
        }
        Long byUnp = catalogue.byUnp().get(unp);
        if (byUnp == null) {
            problems.add("validation.history.unp.unknown", shortened(unp));
            return null;
        }
        if (byId == null) {
            return byUnp;
        }
        // A structural unit without a UNP of its own carries its legal entity's (as the account form allows).
        int depth = 0;
        for (Long at = byId; at != null && depth < 64; at = catalogue.parents().get(at), depth++) {
            if (at.equals(byUnp)) {
                return byId;
            }
        }
        problems.add("validation.history.unp.mismatch", unp, idText);
        return null;
    }

    /** 2019-03-14, or 14.03.2019 as a spreadsheet in a Russian locale writes it; not ahead of today, nor before since. */
    private LocalDate date(String value, Problems problems) {
        if (value == null) {
            problems.add("validation.history.date.required");
            return null;
        }
        LocalDate date;
        try {
            date = value.contains(".") ? LocalDate.parse(value, DOTTED) : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add("validation.history.date", shortened(value));
            return null;
        }
        if (date.isAfter(today)) {
            problems.add("validation.history.date.future", value);
            return null;
        }
        if (date.isBefore(since)) {
            problems.add("validation.history.date.early", since.toString());
            return null;
        }
        return date;
    }

    /** A column's value, stripped; null when blank. */
    private String field(List<String> fields, String column) {
        Integer index = columns.get(column);
        if (index == null) {
            return null;
        }
        String value = fields.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    /** A value quoted back in a message: never a whole paragraph. */
    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** A row's problems as the staging table keeps them: a JSON array of [message key, arguments…]. */
    private static final class Problems {

        private final StringBuilder json = new StringBuilder();

        void add(String key, Object... args) {
            json.append(json.isEmpty() ? "" : ",").append('[').append(quoted(key));
            for (Object arg : args) {
                json.append(',').append(quoted(String.valueOf(arg)));
            }
            json.append(']');
        }

        boolean isEmpty() {
            return json.isEmpty();
        }

        String json() {
            return "[" + json + "]";
        }

        private static String quoted(String value) {
            StringBuilder out = new StringBuilder(value.length() + 2).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
