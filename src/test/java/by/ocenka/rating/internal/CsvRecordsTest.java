package by.ocenka.rating.internal;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history import's CSV reader, cut into buffers at every byte: the same records whatever the cut (a quote, a
 * line break or a Cyrillic letter split between two buffers), with the lines an editor shows.
 */
class CsvRecordsTest {

    @Test
    void recordsAndTheirLinesDoNotDependOnWhereTheBuffersAreCut() {
        String file = "external_id,date,comment\r\n"
                + "a1,2019-03-14,\"Быстро, вежливо\"\r\n"
                + "\r\n"
                + "a2,2019-03-15,\"Первая строка\nвторая «строка» с \"\"кавычками\"\"\"\n"
                + "a3,2019-03-16,\n"
                + "a4,2019-03-17,без перевода строки в конце";
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
        List<CsvRecords.Record> whole = read(bytes, bytes.length);
        assertThat(whole).extracting(CsvRecords.Record::line).containsExactly(1, 2, 4, 6, 7);
        assertThat(whole.get(1).fields()).containsExactly("a1", "2019-03-14", "Быстро, вежливо");
        assertThat(whole.get(2).fields()).containsExactly("a2", "2019-03-15", "Первая строка\nвторая «строка» с \"кавычками\"");
        assertThat(whole.get(3).fields()).containsExactly("a3", "2019-03-16", "");
        assertThat(whole.get(4).fields()).containsExactly("a4", "2019-03-17", "без перевода строки в конце");
        assertThat(whole).allMatch(r -> r.problem() == null);
        for (int cut = 1; cut < 40; cut++) {
            assertThat(read(bytes, cut)).as("buffers of %d bytes", cut).isEqualTo(whole);
        }
    }

    @Test
    void aSpreadsheetsFileHasAMarkAndSemicolons() {
        byte[] bytes = ("\uFEFFexternal_id;date;comment\r\nb1;14.03.2019;\"a; b\"\r\n").getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut <= bytes.length; cut++) {
            List<CsvRecords.Record> records = read(bytes, cut);
            assertThat(records.get(0).fields()).containsExactly("external_id", "date", "comment");
            assertThat(records.get(1).fields()).containsExactly("b1", "14.03.2019", "a; b");
        }
    }

    @Test
    void aLineNotInUtf8AndAQuoteNeverClosedAreMarked() {
        byte[] header = "id,comment\n".getBytes(StandardCharsets.UTF_8);
        byte[] cp1251 = "c1,\u041f\u0440\u0438\u0432\u0435\u0442\n".getBytes(Charset.forName("windows-1251"));
        byte[] open = "c2,\"never closed\nc3,x\n".getBytes(StandardCharsets.UTF_8);
        ByteBuffer all = ByteBuffer.allocate(header.length + cp1251.length + open.length).put(header).put(cp1251).put(open);
        List<CsvRecords.Record> records = read(all.array(), 7);
        assertThat(records).extracting(CsvRecords.Record::line).containsExactly(1, 2, 3);
        assertThat(records).extracting(CsvRecords.Record::problem).containsExactly(null, "encoding", "quote");
    }

    private static List<CsvRecords.Record> read(byte[] bytes, int bufferSize) {
        CsvRecords reader = new CsvRecords();
        List<CsvRecords.Record> records = new ArrayList<>();
        for (int from = 0; from < bytes.length; from += bufferSize) {
            records.addAll(reader.feed(ByteBuffer.wrap(bytes, from, Math.min(bufferSize, bytes.length - from))));
        }
        records.addAll(reader.finish());
        return records;
    }
}
