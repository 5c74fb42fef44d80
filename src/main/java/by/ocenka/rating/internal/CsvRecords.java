package by.ocenka.rating.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV file read as it arrives, a buffer at a time, never whole: RFC 4180 quoting (a field in double quotes may hold
 * the delimiter, line breaks and doubled quotes), comma or semicolon as the delimiter (what the header line uses more
 * of: a spreadsheet saved in a Russian locale writes semicolons), a UTF-8 byte order mark skipped, blank lines skipped.
 * Each record carries the line it starts on, counting every line break of the file, so that a message names the line
 * an editor shows. The bytes are split before they are decoded: the delimiter, quote and line breaks are ASCII, which
 * no byte of a multi-byte UTF-8 character is, so a character cut between two buffers is decoded whole.
 */
public final class CsvRecords {

    /** A record longer than this (an unterminated quote swallowing the rest of the file) is cut and marked. */
    static final int MAX_RECORD_BYTES = 64 * 1024;

    /**
     * One record of the file.
     *
     * @param line    the line it starts on (1 is the file's first)
     * @param fields  its fields, decoded
     * @param problem null, or what is wrong with the record as a whole: {@code encoding} (not UTF-8, or a NUL), {@code quote}
     *                (a quote never closed), {@code long} (longer than {@link #MAX_RECORD_BYTES})
     */
    public record Record(int line, List<String> fields, String problem) {
    }

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte delimiter;
    /** The file's first line, kept until it is whole: it says which delimiter the file uses. */
    private byte[] head = new byte[256];
    private int headLength;
    private final List<String> fields = new ArrayList<>();
    private byte[] field = new byte[256];
    private int fieldLength;
    private int recordBytes;
    private boolean inQuotes;
    private boolean quoteInQuotes;
    private boolean fieldWasQuoted;
    private boolean badEncoding;
    private boolean tooLong;
    private int line = 1;
    private int recordLine = 1;

    /** The delimiter the file uses (',' until its first line is read). */
    public char delimiter() {
        return delimiter == 0 ? ',' : (char) delimiter;
    }

    /** The records completed by these bytes (the buffer is read to its end). */
    public List<Record> feed(ByteBuffer bytes) {
        List<Record> out = new ArrayList<>();
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (delimiter == 0) {
                keepHead(b, out);
            } else {
                take(b, out);
            }
        }
        return out;
    }

    /** The last record, when the file does not end with a line break; a quote still open is reported. */
    public List<Record> finish() {
        List<Record> out = new ArrayList<>();
        if (delimiter == 0) {
            chooseDelimiter(out);
        }
        if (quoteInQuotes) {
            quoteInQuotes = false;
            inQuotes = false;
        }
        boolean unterminated = inQuotes;
        if (unterminated || fieldLength > 0 || !fields.isEmpty() || fieldWasQuoted) {
            endRecord(out, unterminated ? "quote" : null);
        }
        return out;
    }

    private void keepHead(byte b, List<Record> out) {
        if (headLength == head.length) {
            head = Arrays.copyOf(head, head.length * 2);
        }
        head[headLength++] = b;
        if (b == '\n' || headLength > MAX_RECORD_BYTES) {
            chooseDelimiter(out);
        }
    }

    private void chooseDelimiter(List<Record> out) {
        int commas = 0;
        int semicolons = 0;
        for (int i = 0; i < headLength; i++) {
            commas += head[i] == ',' ? 1 : 0;
            semicolons += head[i] == ';' ? 1 : 0;
        }
        delimiter = semicolons > commas ? (byte) ';' : (byte) ',';
        // A byte order mark (EF BB BF, as spreadsheets save UTF-8) is not part of the first column's name.
        boolean mark = headLength >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
        for (int i = mark ? 3 : 0; i < headLength; i++) {
            take(head[i], out);
        }
        head = null;
    }

    private void take(byte b, List<Record> out) {
        if (inQuotes) {
            if (quoteInQuotes) {
                quoteInQuotes = false;
                if (b == '"') {
                    append(b); // a doubled quote is one quote
                    return;
                }
                inQuotes = false; // the quote closed the field; b is read as outside quotes
            } else if (b == '"') {
                quoteInQuotes = true;
                return;
            } else {
                if (b == '\n') {
                    line++;
                }
                append(b);
                return;
            }
        }
        if (b == delimiter) {
            endField();
        } else if (b == '\n') {
            line++;
            if (fieldLength > 0 || !fields.isEmpty() || fieldWasQuoted) {
                endRecord(out, null);
            }
            recordLine = line;
        } else if (b == '"' && fieldLength == 0 && !fieldWasQuoted) {
            inQuotes = true;
            fieldWasQuoted = true;
        } else if (b != '\r') {
            append(b);
        }
    }

    private void append(byte b) {
        if (b == 0) {
            badEncoding = true; // no text of PostgreSQL's may hold a NUL: not a text file, or not UTF-8
            return;
        }
        if (++recordBytes > MAX_RECORD_BYTES) {
            tooLong = true;
            return;
        }
        if (fieldLength == field.length) {
            field = Arrays.copyOf(field, field.length * 2);
        }
        field[fieldLength++] = b;
    }

    private void endField() {
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(field, 0, fieldLength));
            fields.add(chars.toString());
        } catch (CharacterCodingException e) {
            badEncoding = true;
            fields.add(new String(field, 0, fieldLength, StandardCharsets.UTF_8));
        }
        fieldLength = 0;
        fieldWasQuoted = false;
        if (field.length > 4096) {
            field = new byte[256]; // one long comment does not keep its buffer for the rest of the file
        }
    }

    private void endRecord(List<Record> out, String problem) {
        endField();
        String found = problem != null ? problem : tooLong ? "long" : badEncoding ? "encoding" : null;
        out.add(new Record(recordLine, List.copyOf(fields), found));
        fields.clear();
        recordBytes = 0;
        badEncoding = false;
        tooLong = false;
        inQuotes = false;
        recordLine = line;
    }
}
