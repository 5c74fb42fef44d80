package by.ocenka.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import by.ocenka.OcenkaApplication;
import by.ocenka.catalog.CatalogService;
import by.ocenka.catalog.OrganizationQuery;
import by.ocenka.platform.PageRequest;
import by.ocenka.platform.demo.DemoDataLoader;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Search latency on the full demo data set, in-process against the embedded PostgreSQL: 1,000 mixed queries
 * (whole words, word forms, prefixes while typing, one-letter typos, two words, with and without filters) one
 * after another through {@link CatalogService}, after a warm-up; prints p50/p90/p99/max. Not a test:
 * <pre>./mvnw -q test-compile exec:java -Dexec.mainClass=by.ocenka.bench.SearchBenchmark</pre>
 * Application arguments go in {@code -Dexec.args=...} (e.g. {@code --ocenka.catalog.search-cache-size=0}).
 * Data stays in {@code target/bench-search} (first run loads the demo set, later runs reuse it).
 */
public final class SearchBenchmark {

    private static final int WARM_UP = 300;
    private static final int QUERIES = 1_000;

    private SearchBenchmark() {
    }

    public static void main(String[] args) {
        String dataDir = Path.of(System.getProperty("bench.data-dir", "target/bench-search")).toAbsolutePath().toString();
        SpringApplication app = new SpringApplication(OcenkaApplication.class);
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--ocenka.demo.load=never",
                "--ocenka.embedded.data-dir=" + dataDir, "--logging.level.root=WARN",
                // The search alone: no rating jobs (rebuilds, reconciles) competing for the two cores.
                "--ocenka.rating.jobs-enabled=false"));
        arguments.addAll(List.of(args)); // e.g. -Dexec.args=--ocenka.catalog.search-cache-size=0
        try (ConfigurableApplicationContext context = app.run(arguments.toArray(String[]::new))) {
            context.getBean(DemoDataLoader.class).loadAll().block(Duration.ofMinutes(5));
            CatalogService catalog = context.getBean(CatalogService.class);
            DatabaseClient db = context.getBean(DatabaseClient.class);
            long organizations = db.sql("SELECT count(*) AS n FROM organization").map(r -> r.get("n", Long.class)).one().block();
            List<String> names = db.sql("SELECT name FROM organization ORDER BY id").map(r -> r.get("name", String.class))
                    .all().collectList().block();

            List<OrganizationQuery> queries = mixedQueries(names, new Random(42), WARM_UP + QUERIES);
            long found = 0;
            long[] nanos = new long[QUERIES];
            for (int i = 0; i < queries.size(); i++) {
                long start = System.nanoTime();
                long total = catalog.search(queries.get(i), Locale.forLanguageTag("ru")).block().total();
                long took = System.nanoTime() - start;
                if (i >= WARM_UP) {
                    nanos[i - WARM_UP] = took;
                    found += total > 0 ? 1 : 0;
                }
            }
            if (Boolean.getBoolean("bench.slowest")) {
                Integer[] order = new Integer[QUERIES];
                for (int i = 0; i < QUERIES; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Long.compare(nanos[b], nanos[a]));
                for (int i = 0; i < 15; i++) {
                    System.out.printf(Locale.ROOT, "%8.2f ms  %s%n", nanos[order[i]] / 1e6, queries.get(WARM_UP + order[i]));
                }
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%nSearch over %,d organisations, %,d queries after %,d warm-up (%d%% found something)%n",
                    organizations, QUERIES, WARM_UP, found * 100 / QUERIES);
            System.out.printf(Locale.ROOT, "p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms  mean %.2f ms%n",
                    ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99), nanos[QUERIES - 1] / 1e6,
                    Arrays.stream(nanos).average().orElse(0) / 1e6);
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
    }

    /** What citizens type: words of real names, whole, cut short, with a letter wrong, in pairs, with filters. */
    static List<OrganizationQuery> mixedQueries(List<String> names, Random random, int count) {
        List<OrganizationQuery> queries = new ArrayList<>(count);
        while (queries.size() < count) {
            String[] words = Arrays.stream(names.get(random.nextInt(names.size())).split("[^\\p{L}\\p{N}]+"))
                    .filter(w -> w.length() >= 4).toArray(String[]::new);
            if (words.length == 0) {
                continue;
            }
            String word = words[random.nextInt(words.length)].toLowerCase(Locale.ROOT);
            String text = switch (random.nextInt(6)) {
                case 0 -> word;                                                   // a whole word
                case 1 -> word.substring(0, Math.min(word.length(), 3 + random.nextInt(3))); // typing
                case 2 -> typo(word, random);                                     // one letter wrong
                case 3 -> word + " " + words[random.nextInt(words.length)];       // two words
                case 4 -> wordForm(word);                                         // another case ending
                default -> word.substring(0, Math.min(word.length(), 5));
            };
            Integer sphere = random.nextInt(4) == 0 ? 1 + random.nextInt(32) : null;
            Integer region = random.nextInt(4) == 0 ? 1 + random.nextInt(7) : null;
            OrganizationQuery.Sort sort = random.nextInt(5) == 0 ? OrganizationQuery.Sort.NAME : OrganizationQuery.Sort.RELEVANCE;
            queries.add(new OrganizationQuery(text, sphere, null, region, null, null, sort,
                    PageRequest.of(random.nextInt(10) == 0 ? 1 : 0, 20)));
        }
        return queries;
    }

    private static String typo(String word, Random random) {
        int at = 1 + random.nextInt(word.length() - 1);
        char replacement = "аоеиуыэяюкнтсрлвп".charAt(random.nextInt(17));
        return word.substring(0, at) + replacement + word.substring(at + 1);
    }

    private static String wordForm(String word) {
        if (word.endsWith("а")) {
            return word.substring(0, word.length() - 1) + "ы";
        }
        if (word.endsWith("ий") || word.endsWith("ый")) {
            return word.substring(0, word.length() - 2) + "ого";
        }
        return word + "у";
    }
}
