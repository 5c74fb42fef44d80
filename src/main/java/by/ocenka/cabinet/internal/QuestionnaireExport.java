package by.ocenka.cabinet.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
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

    static Flux<DataBuffer> csv(Flux<CabinetQuestionnaire> rows, DataBufferFactory buffers) {
        return Flux.concat(Mono.just("\uFEFF" + line(HEADER)), rows.map(q -> line(cells(q))))
                .buffer(200)
                .map(lines -> buffers.wrap(String.join("", lines).getBytes(StandardCharsets.UTF_8)));
    }

    /** The spreadsheet, spooled to a temporary file as rows come and sent from it ({@link SpooledFiles}). */
    static Flux<DataBuffer> xlsx(Flux<CabinetQuestionnaire> rows, DataBufferFactory buffers) {
        return Flux.using(() -> new SXSSFWorkbook(100), workbook -> {
            Sheet sheet = workbook.createSheet("questionnaires");
            write(sheet.createRow(0), HEADER);
            int[] next = {1};
            return rows.publishOn(Schedulers.boundedElastic())
                    .doOnNext(q -> write(sheet.createRow(next[0]++), cells(q)))
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
        List<String> cells = new ArrayList<>(List.of(String.valueOf(q.id()), String.valueOf(q.organization().id()),
                text(q.organization().name()), time(q.createdAt()), String.valueOf(q.mean())));
        for (String code : BASE_CRITERIA) {
            Integer score = q.scores().get(code);
            cells.add(score == null ? "" : score.toString());
        }
        cells.add(q.scores().entrySet().stream().filter(e -> !BASE_CRITERIA.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        cells.add(text(q.serviceName()));
        cells.add(q.serviceDate() == null ? "" : q.serviceDate().toString());
        cells.add(text(q.comment()));
        cells.add(text(q.author()));
        cells.add(q.status());
        cells.add(q.reply() == null ? "" : q.reply().text());
        cells.add(q.reply() == null ? "" : time(q.reply().createdAt()));
        cells.add(q.replyDueAt() == null ? "" : time(q.replyDueAt()));
        cells.add(String.valueOf(q.overdue()));
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

    /** One CSV line ({@link Csv}). */
    static String line(List<String> cells) {
        return Csv.line(cells);
    }
}
