package by.ocenka.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/ARCHITECTURE.md names only what exists: every class it names in backticks ({@code LiveEvents},
 * {@code rating.internal.RatingKeys}, {@code RatingSubmission.submit}) is a type of the project (in the package it
 * says, with the member it says), unless it is one of the libraries' types listed here.
 */
class ArchitectureDocTest {

    /** Types of the frameworks and libraries the document names. */
    private static final Set<String> LIBRARY_TYPES = Set.of("LocaleContextResolver", "ObjectProvider", "Documenter",
            "WebSession", "WebSessions", "LauncherSessionListener", "ReactiveRedisTemplate", "DelegatingPasswordEncoder",
            "SecurityWebFilterChain", "SecurityCustomizer", "ErrorWebExceptionHandler", "JsonMapper", "OPEN", "CSRF",
            "BlockHound", "ApplicationModules", "Optional", "Locale", "SET", "NX", "WebTestClient", "ProblemDetail", "HttpHandler",
            "Scenario");

    private static final Pattern NAME = Pattern.compile("`((?:[a-z]+\\.)*)([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)((?:\\.[a-zA-Z]+)?)`");

    @Test
    void everyNamedTypeExists() throws IOException {
        Map<String, List<Path>> types = new HashMap<>();
        for (Path root : List.of(Path.of("src", "main", "java"), Path.of("src", "test", "java"),
                Path.of("load-tests", "src", "test", "java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher declared = Pattern.compile("(?:class|record|enum|interface)\\s+([A-Z][A-Za-z0-9]*)")
                            .matcher(Files.readString(file));
                    while (declared.find()) {
                        types.computeIfAbsent(declared.group(1), k -> new ArrayList<>()).add(file);
                    }
                }
            }
        }
        String doc = Files.readString(Path.of("docs", "ARCHITECTURE.md"));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        Matcher m = NAME.matcher(doc);
        while (m.find()) {
            String packagePath = m.group(1).replace('.', '/');
            String type = m.group(2);
            String member = m.group(3).isEmpty() ? null : m.group(3).substring(1);
            if (LIBRARY_TYPES.contains(type) || m.group(1).startsWith("org.") || m.group(1).startsWith("io.")) {
                continue;
            }
            checked++;
            List<Path> files = types.getOrDefault(type, List.of()).stream()
                    .filter(f -> f.toString().replace('\\', '/').contains("/" + packagePath)).toList();
            if (files.isEmpty()) {
                missing.add(m.group());
            } else if (member != null && !Character.isUpperCase(member.charAt(0)) && files.stream().noneMatch(f -> contains(f, member))) {
                missing.add(m.group() + " (no member " + member + ")");
            }
        }
        assertThat(checked).as("names checked").isGreaterThan(30);
        assertThat(missing).as("names in docs/ARCHITECTURE.md that the code lacks").isEmpty();
    }

    private static boolean contains(Path file, String member) {
        try {
            return Files.readString(file).contains(member);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
