package by.ocenka.catalog.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;

/**
 * The organisations the demo makes in every district ({@code catalog/demo-district.tsv}, whose header explains the
 * columns): which, how many, under whom, named by templates. {@link CatalogGenerator} walks the lines in order.
 */
final class DistrictTable {

    /** One kind of organisation in a district. */
    record Line(String where, String count, List<Draw> draws, String key, String category, String name, String shortName,
                String place, String parent, boolean legalEntity, String spread, String hours) {

        boolean madeIn(boolean city) {
            return where.equals("all") || where.equals(city ? "city" : "district");
        }

        /** The count that holds in a Minsk district or elsewhere ({@code X/Y}). */
        String countIn(boolean city) {
            int slash = count.indexOf('/');
            return slash < 0 ? count : city ? count.substring(0, slash) : count.substring(slash + 1);
        }

        /** Made with the line above, in each of its repetitions. */
        boolean withLineAbove() {
            return count.equals("+");
        }
    }

    /** What one organisation draws or counts before it is made: {@code name=kind:argument}. */
    record Draw(String name, String kind, String argument) {
    }

    private final List<Line> lines;
    private final Map<String, String> definitions;

    private DistrictTable(List<Line> lines, Map<String, String> definitions) {
        this.lines = List.copyOf(lines);
        this.definitions = Map.copyOf(definitions);
    }

    static DistrictTable load() {
        try (InputStream in = new ClassPathResource("catalog/demo-district.tsv").getInputStream()) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DistrictTable parse(String text) {
        List<Line> lines = new ArrayList<>();
        Map<String, String> definitions = new HashMap<>();
        for (String raw : text.split("\n")) {
            if (raw.isBlank() || raw.startsWith("#")) {
                continue;
            }
            String[] f = raw.split("\t", -1);
            if (raw.startsWith("=")) {
                definitions.put(f[0].substring(1), f[1]);
                continue;
            }
            if (f.length != 12) {
                throw new IllegalStateException("demo-district.tsv: 12 columns expected in " + raw);
            }
            List<Draw> draws = f[2].equals("-") ? List.of() : Arrays.stream(f[2].split(";")).map(String::trim).map(d -> {
                int eq = d.indexOf('=');
                String rest = d.substring(eq + 1);
                int colon = rest.indexOf(':');
                return colon < 0 ? new Draw(d.substring(0, eq), rest, "")
                        : new Draw(d.substring(0, eq), rest.substring(0, colon), rest.substring(colon + 1));
            }).toList();
            lines.add(new Line(f[0], f[1], draws, f[3], f[4], f[5], f[6], f[7], f[8], f[9].equals("yes"), f[10], f[11]));
        }
        return new DistrictTable(lines, definitions);
    }

    List<Line> lines() {
        return lines;
    }

    /**
     * Fills a template: {@code {NAME}} a value or a definition, {@code {FLAG?A|B}}, {@code {adj:ENDING}} the district's
     * adjective in another case or gender.
     */
    String fill(String template, Map<String, Object> values) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int end = closing(template, i);
            out.append(placeholder(template.substring(i + 1, end), values));
            i = end + 1;
        }
        return out.toString();
    }

    private String placeholder(String inner, Map<String, Object> values) {
        int question = topLevel(inner, '?', 0);
        if (question >= 0) {
            Object flag = values.get(inner.substring(0, question));
            if (!(flag instanceof Boolean holds)) {
                throw new IllegalStateException("demo-district.tsv: no flag " + inner.substring(0, question));
            }
            int bar = topLevel(inner, '|', question + 1);
            String chosen = holds ? inner.substring(question + 1, bar) : inner.substring(bar + 1);
            return fill(chosen, values);
        }
        int colon = inner.indexOf(':');
        if (colon >= 0) {
            return CatalogGenerator.adjective(text(inner.substring(0, colon), values), inner.substring(colon + 1));
        }
        return text(inner, values);
    }

    private String text(String name, Map<String, Object> values) {
        Object value = values.get(name);
        if (value != null) {
            return value.toString();
        }
        String definition = definitions.get(name);
        if (definition == null) {
            throw new IllegalStateException("demo-district.tsv: nothing named " + name);
        }
        return fill(definition, values);
    }

    private static int closing(String template, int open) {
        int depth = 0;
        for (int i = open; i < template.length(); i++) {
            depth += template.charAt(i) == '{' ? 1 : template.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("demo-district.tsv: a brace never closed in " + template);
    }

    private static int topLevel(String text, char wanted, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == wanted && depth == 0) {
                return i;
            }
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        }
        return -1;
    }
}
