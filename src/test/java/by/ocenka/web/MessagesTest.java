package by.ocenka.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every word a page shows comes from the message bundles, in all three languages: the build fails on a key missing in
 * one language, on a key a template or a page controller uses that no bundle has, and on text written straight into
 * a template.
 */
class MessagesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path BUNDLES = Path.of("src/main/resources/i18n");

    /** Keys built from a prefix in the templates ({@code #{${'org.rank.' + scope}}}), with every suffix they take. */
    private static final List<String> HELP_QUESTIONS = List.of("purpose", "score", "find", "missing", "rate", "once",
            "appeal", "account", "replies", "data");
    private static final List<String> HELP_TOPICS = List.of("access", "details", "posters", "replies", "figures", "criteria");

    private static final Map<String, List<String>> FAMILIES = Map.ofEntries(
            Map.entry("login.provider.", List.of("oidc", "google", "yandex", "vk")),
            Map.entry("org.rank.", List.of("country", "sphere", "region", "sphere-region", "district", "parent")),
            Map.entry("org.held.reason.", List.of("staff", "network", "new-accounts", "pattern")),
            Map.entry("mod.tab.", List.of("held", "complaints", "feedback", "polls", "requests", "imports", "themes")),
            Map.entry("mod.request.done.", List.of("approved", "rejected", "already", "changed", "change-rejected", "review-uphold", "review-dismiss")),
            Map.entry("change.new.", List.of("name", "unp", "parentUnp")),
            Map.entry("mod.review.", List.of("uphold", "dismiss", "uphold.button", "dismiss.button")),
            Map.entry("change.status.", List.of("PENDING", "APPROVED", "REJECTED")),
            Map.entry("mod.themes.done.", List.of("added", "removed")),
            Map.entry("theme.", List.of("queue", "politeness", "information", "hours", "premises", "online", "competence",
                    "term", "other")),
            Map.entry("cabinet.bulk.reason.", List.of("already-replied", "outside-scope", "not-found", "held", "unavailable", "too-long")),
            Map.entry("change.", List.of("name", "unp", "parentUnp", "comment", "parent")),
            Map.entry("accounts.done.", List.of("created", "invited", "revoked", "none")),
            Map.entry("moderators.done.", List.of("created", "invited", "revoked", "withdrawn", "none")),
            Map.entry("accounts.field.", List.of("displayName", "position", "email", "organizationId", "unp", "role")),
            Map.entry("accounts.hint.", List.of("organization", "unp")),
            Map.entry("mod.done.", List.of("released", "rejected", "already", "hidden", "dismissed", "answered", "closed",
                    "empty", "created")),
            Map.entry("mod.polls.kind.", List.of("single", "multiple", "text")),
            Map.entry("mod.polls.", List.of("titleRu", "titleBe", "titleEn", "description", "question")),
            Map.entry("ranking.scope.", List.of("country", "sphere", "region", "parent")),
            Map.entry("ranking.order.", List.of("official", "fair")),
            Map.entry("rate.scale.", List.of("1", "2", "3", "4", "5")),
            Map.entry("rate.", List.of("serviceName", "serviceDate", "comment", "email")),
            Map.entry("form.", List.of("email", "password", "displayName", "code", "currentPassword", "newPassword", "topic", "text", "reason")),
            Map.entry("search.sort.", List.of("relevance", "rank", "score", "ratings", "name", "near")),
            Map.entry("settings.digest.", List.of("off", "daily", "weekly")),
            Map.entry("feedback.topic.", List.of("question", "problem", "idea", "organization", "other")),
            Map.entry("opendata.set.", List.of("organizations", "rankings", "questionnaires")),
            Map.entry("complaint.reason.", List.of("abuse", "personal-data", "spam", "off-topic")),
            Map.entry("help.q.", HELP_QUESTIONS), Map.entry("help.a.", HELP_QUESTIONS),
            Map.entry("help.org.title.", HELP_TOPICS), Map.entry("help.org.text.", HELP_TOPICS),
            Map.entry("request.status.", List.of("PENDING", "APPROVED", "REJECTED")));

    @Test
    void everyLanguageHasEveryKey() throws IOException {
        Set<String> russian = keys("messages.properties");
        Set<String> belarusian = keys("messages_be.properties");
        Set<String> english = keys("messages_en.properties");
        assertThat(difference(russian, belarusian)).as("in Russian, missing in Belarusian").isEmpty();
        assertThat(difference(belarusian, russian)).as("in Belarusian, missing in Russian").isEmpty();
        assertThat(difference(russian, english)).as("in Russian, missing in English").isEmpty();
        assertThat(difference(english, russian)).as("in English, missing in Russian").isEmpty();
    }

    /**
     * A message with arguments goes through MessageFormat, where a lone apostrophe starts quoted text and swallows the
     * placeholders after it ("the moderators' check: {0}" printed "{0}"): such messages double it.
     */
    @Test
    void messagesWithArgumentsDoubleTheirApostrophes() throws IOException {
        List<String> lone = new ArrayList<>();
        for (String file : List.of("messages.properties", "messages_be.properties", "messages_en.properties")) {
            Properties messages = new Properties();
            try (var in = Files.newBufferedReader(Path.of("src/main/resources/i18n", file),
                    StandardCharsets.UTF_8)) {
                messages.load(in);
            }
            messages.forEach((key, value) -> {
                String text = value.toString();
                if (text.matches("(?s).*\\{\\d.*") && text.replace("''", "").contains("'")) {
                    lone.add(file + ": " + key);
                }
            });
        }
        assertThat(lone).as("messages with {n} and a lone apostrophe").isEmpty();
    }

    @Test
    void everyKeyUsedExists() throws IOException {
        Set<String> known = keys("messages.properties");
        Set<String> used = new TreeSet<>();
        Pattern plain = Pattern.compile("#\\{([a-zA-Z0-9.]+)");
        Pattern msg = Pattern.compile("#messages\\.msg\\('([a-zA-Z0-9.]+)'\\)");
        Pattern family = Pattern.compile("'([a-z]+\\.[a-zA-Z.]*\\.)' \\+");
        // The input fragment takes its label and hint as keys: input('name', 'type', 'label', 'autocomplete', value, 'hint').
        Pattern input = Pattern.compile("fragments :: input\\('[^']*', '[^']*', '([^']*)', '[^']*', [^,]*, (?:'([^']*)'|null)\\)");
        for (Path template : templates()) {
            String text = Files.readString(template);
            plain.matcher(text).results().forEach(m -> used.add(m.group(1)));
            msg.matcher(text).results().forEach(m -> used.add(m.group(1)));
            input.matcher(text).results().forEach(m -> {
                used.add(m.group(1));
                if (m.group(2) != null) {
                    used.add(m.group(2));
                }
            });
            family.matcher(text).results().forEach(m -> {
                assertThat(FAMILIES).as("a key family in %s", template).containsKey(m.group(1));
                FAMILIES.get(m.group(1)).forEach(suffix -> used.add(m.group(1) + suffix));
            });
        }
        // Keys the page controllers (of every module) pass to the message source.
        Pattern javaKey = Pattern.compile("\"(page\\.[a-zA-Z.]+)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/by/ocenka"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/pages/") || p.toString().contains("/web/")).toList()) {
                javaKey.matcher(Files.readString(source)).results().forEach(m -> used.add(m.group(1)));
            }
        }
        assertThat(used).hasSizeGreaterThan(150);
        assertThat(difference(used, known)).as("keys used but in no bundle").isEmpty();
    }

    /** Text in a template must sit in an element whose th:text replaces it (a designer's placeholder) or come from a key. */
    @Test
    void noTextWrittenStraightIntoATemplate() throws IOException {
        Pattern token = Pattern.compile("<!--.*?-->|<!DOCTYPE[^>]*>|<(/?)([a-zA-Z0-9:]+)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>|([^<]+)", Pattern.DOTALL);
        Pattern letters = Pattern.compile("[A-Za-zА-Яа-яЁёІіЎў]{2,}");
        Pattern visibleAttribute = Pattern.compile("(?<![:\\w-])(placeholder|alt|title|aria-label)=\"([^\"]*)\"");
        Set<String> voids = Set.of("meta", "link", "input", "img", "br", "hr", "source", "line", "polyline");
        List<String> problems = new ArrayList<>();
        for (Path template : templates()) {
            Deque<Boolean> replaced = new ArrayDeque<>();
            Matcher m = token.matcher(Files.readString(template));
            while (m.find()) {
                if (m.group(5) != null) {
                    String text = m.group(5).strip();
                    boolean covered = replaced.stream().anyMatch(Boolean::booleanValue);
                    if (!covered && letters.matcher(text).find()) {
                        problems.add(template.getFileName() + ": \"" + text + "\"");
                    }
                } else if (m.group(2) != null) {
                    String name = m.group(2).toLowerCase();
                    String attributes = m.group(3);
                    Matcher attribute = visibleAttribute.matcher(attributes);
                    while (attribute.find()) {
                        if (letters.matcher(attribute.group(2)).find()) {
                            problems.add(template.getFileName() + ": " + attribute.group(1) + "=\"" + attribute.group(2) + "\"");
                        }
                    }
                    if (name.equals("script") || name.equals("style")) {
                        continue;
                    }
                    if (m.group(1).equals("/")) {
                        replaced.poll();
                    } else if (!voids.contains(name) && m.group(4).isEmpty() && !name.startsWith("!")) {
                        // The page's <html> hands its parts to the layout: that does not replace the text inside.
                        replaced.push(!name.equals("html") && attributes.matches("(?s).*\\bth:(text|utext|replace|insert)=.*"));
                    }
                }
            }
        }
        assertThat(problems).as("text not from a message bundle").isEmpty();
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    private static Set<String> keys(String bundle) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(Files.newInputStream(BUNDLES.resolve(bundle)), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
