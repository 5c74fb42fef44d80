package by.ocenka.platform;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.platform.OpenDataDumps;
import by.ocenka.rating.QuestionnaireModeration;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open data (issue 16): listed at /api/v1/open-data, every file parses as CSV and as JSON with the same rows, and
 * none holds personal data — no e-mail address, no citizen's name, no hidden comment — while published comments are
 * there.
 */
class OpenDataTest extends IntegrationTest {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");

    @Autowired
    OpenDataDumps dumps;

    @Autowired
    QuestionnaireModeration moderation;

    private long rate(WebTestClient citizen, long org, String comment) {
        return ((Number) citizen.post().uri("/api/v1/organizations/" + org + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", comment, "serviceName", "Справка"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
    }

    @Test
    void theDumpsParseAndHoldNoPersonalData() {
        long org = minskOrganization();
        accounts.create("tatsiana.unikalnaya@example.by", "Braslau-lakes-2026", "Тацяна Унікальная", true, Role.CITIZEN, null).block();
        rate(loggedIn("tatsiana.unikalnaya@example.by", "Braslau-lakes-2026"), org, "Быстро, \"вежливо\", без очереди");
        long hidden = rate(citizen(), org, "Скрытый текст с телефоном +375291234567");
        moderation.hide(hidden).block();
        // A comment hidden by a moderator (the scores still count) is left out too; a formula stays text.
        long hiddenComment = rate(citizen(), org, "Мой номер паспорта МР1234567");
        moderation.hideComment(hiddenComment, "personal-data").block();
        rate(citizen(), org, "=HYPERLINK(\"http://example.by\")");

        dumps.refresh().block(Duration.ofSeconds(60));

        List<?> listed = web.get().uri("/api/v1/open-data").exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
        assertThat(listed).hasSize(6);
        JsonMapper json = JsonMapper.builder().build();
        for (Object entry : listed) {
            Map<?, ?> file = (Map<?, ?>) entry;
            String path = URI.create((String) file.get("url")).getPath();
            String body = web.get().uri(path).exchange().expectStatus().isOk()
                    .expectHeader().valueMatches("Link", ".*creativecommons.org/licenses/by/4.0.*")
                    .expectBody(String.class).returnResult().getResponseBody();
            long rows = ((Number) file.get("rows")).longValue();
            if ("csv".equals(file.get("format"))) {
                List<List<String>> records = csv(body);
                assertThat(records.size() - 1).as("%s rows", path).isEqualTo(rows);
                int columns = records.get(0).size();
                assertThat(records).as("%s: every record has the header's columns", path).allSatisfy(r -> assertThat(r).hasSize(columns));
            } else {
                JsonNode array = json.readTree(body);
                assertThat(array.isArray()).isTrue();
                assertThat(array.size()).as("%s rows", path).isEqualTo(rows);
            }
            assertThat(EMAIL.matcher(body).find()).as("an e-mail address in %s", path).isFalse();
            assertThat(body).as(path).doesNotContain("Тацяна", "Унікальная", "Test CITIZEN", "Скрытый текст", "+375291234567",
                    "МР1234567");
            if (path.startsWith("/open-data/questionnaires")) {
                assertThat(body).contains("вежливо");
            }
            if (path.equals("/open-data/questionnaires.csv")) {
                assertThat(body).contains("\"'=HYPERLINK(\"\"http://example.by\"\")\"");
            }
        }
        assertThat(listed).anySatisfy(entry -> assertThat(((Map<?, ?>) entry).get("name")).isEqualTo("organizations"));
        web.get().uri("/open-data/secrets.csv").exchange().expectStatus().isNotFound();
        // The page lists the files with the dictionary and the licence.
        String page = web.get().uri("/open-data").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(page).contains("CC BY 4.0").contains("questionnaires.csv").contains("оценки по критериям");
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF. */
    private static List<List<String>> csv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(quoted).as("an unterminated quote").isFalse();
        assertThat(field).as("text after the last record").isEmpty();
        return records;
    }
}
