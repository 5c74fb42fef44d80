package by.ocenka.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A module owns its tables: no SQL in one module's code names another module's table (they go through the owner's
 * public service or a read model it publishes). Migrations are left out: they are the schema's history.
 */
class TableOwnershipTest {

    /** Each table and the module that owns it. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("audit_event", "platform"), Map.entry("mail_outbox", "platform"),
            Map.entry("sphere", "catalog"), Map.entry("category", "catalog"), Map.entry("region", "catalog"),
            Map.entry("district", "catalog"), Map.entry("organization", "catalog"), Map.entry("search_word", "catalog"),
            Map.entry("app_user", "account"), Map.entry("user_role", "account"), Map.entry("user_identity", "account"),
            Map.entry("account_token", "account"), Map.entry("account_certificate", "account"),
            Map.entry("email_code", "account"), Map.entry("staff_invitation", "account"),
            Map.entry("criterion", "rating"), Map.entry("questionnaire", "rating"), Map.entry("org_rating", "rating"),
            Map.entry("rank_snapshot", "rating"), Map.entry("org_day", "rating"), Map.entry("rating_setting", "rating"),
            Map.entry("questionnaire_import", "rating"),
            Map.entry("org_request", "moderation"), Map.entry("org_change_request", "moderation"),
            Map.entry("review_request", "moderation"), Map.entry("feedback", "moderation"), Map.entry("complaint", "moderation"),
            Map.entry("survey", "survey"), Map.entry("survey_question", "survey"), Map.entry("survey_option", "survey"),
            Map.entry("survey_response", "survey"), Map.entry("survey_answer", "survey"), Map.entry("org_closure", "catalog"), Map.entry("organization_service", "catalog"),
            Map.entry("questionnaire_reply", "cabinet"), Map.entry("cabinet_alert", "cabinet"),
            Map.entry("reply_template", "cabinet"), Map.entry("poster_source_month", "rating"),
            Map.entry("theme_term", "rating"), Map.entry("theme_retag", "rating"), Map.entry("improvement", "cabinet"));

    /** Read models their owners publish for any module to join (documented in the owner's API). */
    static final Set<String> PUBLISHED = Set.of("org_closure");

    private static final Pattern TABLE = Pattern.compile("(?i)\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|EXISTS \\(SELECT 1 FROM)\\s+([a-z_]+)\\b");

    @Test
    void noModuleNamesAnotherModulesTable() throws IOException {
        Path root = Path.of("src", "main", "java", "by", "ocenka");
        List<String> violations = new ArrayList<>();
        int mentions = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String module = root.relativize(file).getName(0).toString();
                String source = Files.readString(file);
                Matcher m = TABLE.matcher(source);
                while (m.find()) {
                    String owner = OWNERS.get(m.group(1).toLowerCase());
                    mentions += owner != null ? 1 : 0;
                    if (owner != null && !owner.equals(module) && !PUBLISHED.contains(m.group(1).toLowerCase())) {
                        violations.add(file + " (" + module + ") names " + m.group(1) + " of " + owner);
                    }
                }
            }
        }
        assertThat(mentions).as("table names found in SQL (the scan itself works)").isGreaterThan(40);
        assertThat(violations).isEmpty();
    }
}
