package by.ocenka.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, the request line exactly as given: what an attacker's client sends (an encoded letter,
 * {@code //}, {@code ;params}), which the tests' HTTP clients would normalise or encode again. Reads the status line
 * and the headers, then stops (an event stream never ends).
 */
public final class RawHttp {

    /** The answer's status, headers (names in lower case) and body (none for an event stream, which never ends). */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The code of a problem answer ({@code …/problems/{code}}), or null. */
        public String problem() {
            int at = body.indexOf("/problems/");
            if (at < 0) {
                return null;
            }
            int end = body.indexOf('"', at);
            return end < 0 ? null : body.substring(at + "/problems/".length(), end);
        }
    }

    private RawHttp() {
    }

    public static Answer send(int port, String method, String rawPath, Map<String, String> headers, String body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method).append(' ').append(rawPath).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n").append("Connection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                // The body goes only once the server asks for it: a server that answers before reading it (a refusal)
                // would otherwise close on unread bytes, and the reset would lose its answer.
                request.append("Content-Length: ").append(content.length).append("\r\n").append("Expect: 100-continue\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (body != null) {
                Answer interim = readHead(socket.getInputStream());
                if (interim.status() != 100) {
                    return withBody(interim, socket);
                }
                out.write(content);
                out.flush();
            }
            return withBody(readHead(socket.getInputStream()), socket);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + rawPath, e);
        }
    }

    /** The answer with its body read to the end (the connection closes after it), but an event stream's. */
    private static Answer withBody(Answer head, Socket socket) throws IOException {
        String type = head.header("Content-Type");
        if (type != null && type.contains("text/event-stream")) {
            return head;
        }
        byte[] rest = socket.getInputStream().readNBytes(1 << 20);
        return new Answer(head.status(), head.headers(), new String(rest, StandardCharsets.UTF_8));
    }

    private static Answer readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        if (lines.length == 0 || lines[0].length() < 12) {
            throw new IOException("no answer: " + head);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip(),
                        (first, next) -> first + "\n" + next);
            }
        }
        return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, "");
    }
}
