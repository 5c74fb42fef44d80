package by.ocenka.cabinet.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import by.ocenka.cabinet.CabinetRecords.CabinetQuestionnaire;
import by.ocenka.platform.Csv;
import by.ocenka.platform.Minsk;
import by.ocenka.platform.SpooledFiles;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A subtree's questionnaires as a file: CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the
 * Cyrillic right; RFC 4180 quoting) sent row by row as the database streams them, or XLSX written by POI's streaming
 * workbook (a hundred rows in memory, the rest on disk) off the event loops.
 */
final class QuestionnaireExport {

    /** The base criteria get a column each; an organisation's extra ones share the last score column. */
    static final List<String> BASE_CRITERIA = List.of("SIMPLICITY", "INFORMATION", "TIMELINESS", "POLITENESS", "OVERALL");
    static final List<String> HEADER;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    static {
        List<String> header = new ArrayList<>(List.of("id", "organization_id", "organization", "created_at", "mean"));
        header.addAll(BASE_CRITERIA);
        header.addAll(List.of("other_criteria", "service_name", "service_date", "comment", "author", "status",
                "reply", "reply_at", "reply_due_at", "overdue", "employee"));
        HEADER = List.copyOf(header);
    }

    private QuestionnaireExport() {
    }

    /**
     * How a file names its columns and words its values: the codes for programs ({@link #CODES}), or the reader's
     * language for people (criterion names, statuses, yes and no; for a spreadsheet's CSV a semicolon between fields
     * and a decimal comma, as a Russian-locale Excel reads it).
     */
    record Labels(List<String> header, Map<String, String> criteria, Map<String, String> statuses, String yes, String no,
                  char separator, boolean decimalComma) {
        static final Labels CODES = new Labels(HEADER, Map.of(), Map.of(), "true", "false", ',', false);

        String criterion(String code) {
            return criteria.getOrDefault(code, code);
        }
    }

    static Flux<DataBuffer> csv(Flux<CabinetQuestionnaire> rows, DataBufferFactory buffers) {
        return csv(rows, buffers, Labels.CODES);
    }

    static Flux<DataBuffer> csv(Flux<CabinetQuestionnaire> rows, DataBufferFactory buffers, Labels labels) {
        return Flux.concat(Mono.just("\uFEFF" + Csv.line(labels.header(), labels.separator())),
                        rows.map(q -> Csv.line(cells(q, labels), labels.separator())))
                .buffer(200)
                .map(lines -> buffers.wrap(String.join("", lines).getBytes(StandardCharsets.UTF_8)));
    }

    /** The spreadsheet, spooled to a temporary file as rows come and sent from it ({@link SpooledFiles}). */
    static Flux<DataBuffer> xlsx(Flux<CabinetQuestionnaire> rows, DataBufferFactory buffers, Labels labels) {
        return Flux.using(() -> new SXSSFWorkbook(100), workbook -> {
            Sheet sheet = workbook.createSheet("questionnaires");
            write(sheet.createRow(0), labels.header());
            int[] next = {1};
            return rows.publishOn(Schedulers.boundedElastic())
                    .doOnNext(q -> write(sheet.createRow(next[0]++), cells(q, labels)))
                    .thenMany(SpooledFiles.send(workbook::write, buffers));
        }, workbook -> {
            try {
                workbook.close(); // also deletes the temporary files
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).subscribeOn(Schedulers.boundedElastic()); // the workbook reads and writes its temporary files
    }

    private static void write(Row row, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String value = cells.get(i);
            if (value == null) {
                continue;
            }
            if (i == 4 || (i >= 5 && i < 5 + BASE_CRITERIA.size()) || i <= 1) {
                try {
                    row.createCell(i).setCellValue(Double.parseDouble(value));
                    continue;
                } catch (NumberFormatException e) {
                    // not a number after all: written as text below
                }
            }
            row.createCell(i).setCellValue(value);
        }
    }

    static List<String> cells(CabinetQuestionnaire q) {
        return cells(q, Labels.CODES);
    }

    static List<String> cells(CabinetQuestionnaire q, Labels labels) {
        String mean = String.valueOf(q.mean());
        List<String> cells = new ArrayList<>(List.of(String.valueOf(q.id()), String.valueOf(q.organization().id()),
                text(q.organization().name()), time(q.createdAt()), labels.decimalComma() ? mean.replace('.', ',') : mean));
        for (String code : BASE_CRITERIA) {
            Integer score = q.scores().get(code);
            cells.add(score == null ? "" : score.toString());
        }
        cells.add(q.scores().entrySet().stream().filter(e -> !BASE_CRITERIA.contains(e.getKey()))
                .map(e -> labels.criterion(e.getKey()) + "=" + e.getValue()).collect(Collectors.joining("; ")));
        cells.add(text(q.serviceName()));
        cells.add(q.serviceDate() == null ? "" : q.serviceDate().toString());
        cells.add(text(q.comment()));
        cells.add(text(q.author()));
        cells.add(labels.statuses().getOrDefault(q.status(), q.status()));
        cells.add(q.reply() == null ? "" : q.reply().text());
        cells.add(q.reply() == null ? "" : time(q.reply().createdAt()));
        cells.add(q.replyDueAt() == null ? "" : time(q.replyDueAt()));
        cells.add(q.overdue() ? labels.yes() : labels.no());
        // Last, so that the columns files made before it was asked keep their places.
        cells.add(text(q.employee()));
        return cells;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String time(OffsetDateTime at) {
        return at.atZoneSameInstant(Minsk.ZONE).format(TIME);
    }

}
