package by.ocenka.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * What every simulation reads from system properties ({@code -DbaseUrl=… -Drate=… -Dduration=…}) and the data the
 * set-up step ({@code run.sh}) wrote: the load-test citizens and the organisations to rate.
 */
final class LoadSettings {

    static final String BASE_URL = System.getProperty("baseUrl", "http://localhost:8080");
    /** Arrivals or requests per second at the peak, as each simulation defines it. */
    static final double RATE = Double.parseDouble(System.getProperty("rate", "100"));
    /** Seconds at the peak, after the ramp. */
    static final int DURATION = Integer.getInteger("duration", 30);
    /** Seconds of ramp up to the peak. */
    static final int RAMP = Integer.getInteger("ramp", 10);
    static final Path DATA = Path.of(System.getProperty("data", "target/load-data"));

    private LoadSettings() {
    }

    /** JSON API clients: keep-alive connections shared by the virtual users (a client pool, not a phone each). */
    static HttpProtocolBuilder api() {
        return http.baseUrl(BASE_URL)
                .acceptHeader("application/json")
                .acceptLanguageHeader("ru")
                .contentTypeHeader("application/json")
                .userAgentHeader("ocenka-load-tests")
                .shareConnections();
    }

    /** Phones: a connection pool each, pages with their static resources, the browser's cache. */
    static HttpProtocolBuilder phones() {
        return http.baseUrl(BASE_URL)
                .acceptHeader("text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8")
                .acceptLanguageHeader("ru-RU,ru;q=0.9")
                .userAgentHeader("Mozilla/5.0 (Linux; Android 14) ocenka-load-tests");
    }

    /** Citizens arriving: a ramp from one a second to {@link #RATE} over {@link #RAMP}, then {@link #DURATION} at it. */
    static OpenInjectionStep[] arrivals() {
        return new OpenInjectionStep[] {
            rampUsersPerSec(1).to(RATE).during(RAMP),
            constantUsersPerSec(RATE).during(DURATION)};
    }

    /** The load-test citizens: {@code email,password}, each used by one virtual user. */
    static Path citizens() {
        return existing(DATA.resolve("citizens.csv"));
    }

    /** Active organisations by popularity: a few busy ones, a long tail (a Zipf-like choice, s = 1). */
    static final class Organizations {

        private static final List<Long> IDS = read(existing(DATA.resolve("organizations.csv")));
        private static final double[] CUMULATIVE = cumulative(IDS.size());

        private Organizations() {
        }

        static long any() {
            return IDS.get(ThreadLocalRandom.current().nextInt(IDS.size()));
        }

        static long skewed() {
            double x = ThreadLocalRandom.current().nextDouble() * CUMULATIVE[CUMULATIVE.length - 1];
            int low = 0;
            int high = CUMULATIVE.length - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (CUMULATIVE[mid] < x) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return IDS.get(low);
        }

        /** {@code n} different organisations (a citizen rates each at most once a day). */
        static List<Long> distinctSkewed(int n) {
            Set<Long> chosen = new LinkedHashSet<>();
            while (chosen.size() < n) {
                chosen.add(skewed());
            }
            return new ArrayList<>(chosen);
        }

        /** The first {@code n} (by popularity), for the subscribers. */
        static List<Long> first(int n) {
            return IDS.subList(0, Math.min(n, IDS.size()));
        }

        private static double[] cumulative(int n) {
            double[] c = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1.0 / (i + 1);
                c[i] = sum;
            }
            return c;
        }

        private static List<Long> read(Path file) {
            try {
                return Files.readAllLines(file).stream().skip(1).filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.strip())).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A rating of five criteria, each 3 to 5, as JSON. */
    static String ratingBody() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, Integer> scores = new HashMap<>();
        for (String code : List.of("SIMPLICITY", "INFORMATION", "TIMELINESS", "POLITENESS", "OVERALL")) {
            scores.put(code, 3 + random.nextInt(3));
        }
        StringBuilder json = new StringBuilder("{\"scores\":{");
        scores.forEach((code, score) -> json.append(json.length() > 11 ? "," : "").append('"').append(code).append("\":").append(score));
        return json.append("},\"comment\":\"Нагрузочный тест\"}").toString();
    }

    private static final Pattern EIGHT_DIGITS = Pattern.compile("(?<!\\d)(\\d{8})(?!\\d)");

    /** The eight-digit sign-in code in a mailed text (the first such number; the link after it carries none). */
    static String mailedCode(String text) {
        Matcher code = EIGHT_DIGITS.matcher(text == null ? "" : text);
        if (!code.find()) {
            throw new IllegalStateException("no code in the mail");
        }
        return code.group(1);
    }

    private static Path existing(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " is missing: run the suites through load-tests/run.sh");
        }
        return file;
    }
}
