package by.ocenka.web.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

/**
 * A page as {@link PublicReadCache} keeps it: the rendered bytes cut where the visitor's own values go (the CSRF token of
 * its forms, the logged-in visitor's name), so that sending it is copying the pieces with those values between
 * them; a gzip copy and an ETag when it has no such places (the same bytes for everyone).
 *
 * @param pieces     the bytes between the places, one more than {@code places}
 * @param places     what goes in each place: {@link #TOKEN} or {@link #NAME}
 * @param renderedAt when it was rendered (milliseconds)
 */
record RenderedPage(byte[][] pieces, int[] places, byte[] gzip, String etag, long renderedAt) {

    static final int TOKEN = 0;
    static final int NAME = 1;

    /** Cuts a rendered page at the occurrences of the token and of the name (either may be null). */
    static RenderedPage of(byte[] body, String token, String name, long renderedAt) {
        byte[][] markers = {bytes(token), bytes(name)};
        List<byte[]> pieces = new ArrayList<>();
        List<Integer> places = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = -1;
            int which = -1;
            for (int m = 0; m < markers.length; m++) {
                int found = markers[m] == null ? -1 : indexOf(body, markers[m], from);
                if (found >= 0 && (at < 0 || found < at)) {
                    at = found;
                    which = m;
                }
            }
            if (at < 0) {
                break;
            }
            pieces.add(Arrays.copyOfRange(body, from, at));
            places.add(which);
            from = at + markers[which].length;
        }
        pieces.add(Arrays.copyOfRange(body, from, body.length));
        boolean shared = places.isEmpty();
        return new RenderedPage(pieces.toArray(byte[][]::new), places.stream().mapToInt(Integer::intValue).toArray(),
                shared ? gzip(body) : null, shared ? etag(body) : null, renderedAt);
    }

    /** Whether it is the same for every visitor (then it may go to shared caches). */
    boolean shared() {
        return places.length == 0;
    }

    /** The page with the visitor's values in their places (they are HTML already: the name escaped). */
    byte[] fill(String token, String name) {
        if (shared()) {
            return pieces[0];
        }
        byte[][] values = {bytes(token), bytes(name)};
        int length = 0;
        for (byte[] piece : pieces) {
            length += piece.length;
        }
        for (int place : places) {
            length += values[place] == null ? 0 : values[place].length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (int i = 0; i < pieces.length; i++) {
            System.arraycopy(pieces[i], 0, out, at, pieces[i].length);
            at += pieces[i].length;
            if (i < places.length && values[places[i]] != null) {
                byte[] value = values[places[i]];
                System.arraycopy(value, 0, out, at, value.length);
                at += value.length;
            }
        }
        return out;
    }

    int weight() {
        int weight = 100 + (gzip == null ? 0 : gzip.length);
        for (byte[] piece : pieces) {
            weight += piece.length;
        }
        return weight;
    }

    private static byte[] bytes(String text) {
        return text == null || text.isEmpty() ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    static int indexOf(byte[] source, byte[] target, int from) {
        outer:
        for (int i = from; i <= source.length - target.length; i++) {
            for (int j = 0; j < target.length; j++) {
                if (source[i + j] != target[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String etag(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return "\"" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(body.length) + "\"";
    }
}
