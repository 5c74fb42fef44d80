package by.ocenka.moderation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A moderator brings a body's registry in from a page, without JavaScript: the template downloaded, a faulty file
 * checked (each row and field listed, nothing written), the template's rows checked and then imported on the
 * moderator's word, once.
 */
class RegistryImportPagesTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;

    @Test
    void aFaultyFileIsListedAndWritesNothingAndACleanOneIsImportedOnce() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        long libraries = organizations("%библиотека%");
        PageSession moderator = pageAs(Role.MODERATOR, null);
        PageSession.Page page = moderator.get("/moderation/imports");
        assertThat(page.status().value()).isEqualTo(200);
        assertThat(page.body()).contains("enctype=\"multipart/form-data\"").contains("href=\"/moderation/imports/template.csv\"");
        String template = moderator.get("/moderation/imports/template.csv").body();
        assertThat(template).contains("name,unp,address,sphere,category,parent_unp,lat,lon");

        EntityExchangeResult<String> faulty = upload(moderator, """
                name,unp,address,sphere,category,parent_unp,lat,lon
                Школа с плохим УНП,123456789,г. Минск,EDUCATION,SCHOOL,,53.9,27.5
                Школа в море,,г. Минск,EDUCATION,NO_SUCH_CATEGORY,,123,27.5
                """);
        assertThat(faulty.getStatus().value()).isEqualTo(400);
        assertThat(faulty.getResponseBody()).contains("Ошибок в файле: 3").contains("<td>unp</td>")
                .contains("<td>category</td>").contains("<td>lat</td>").contains("<td>2</td>").contains("<td>3</td>");
        assertThat(organizations("Школа%")).isZero();

        EntityExchangeResult<String> clean = upload(moderator, template);
        assertThat(clean.getStatus().value()).isEqualTo(200);
        assertThat(clean.getResponseBody()).contains("Ошибок нет: строк в файле — 2");
        Matcher action = Pattern.compile("action=\"(/moderation/imports/[0-9a-f-]{36})\"").matcher(clean.getResponseBody());
        assertThat(action.find()).isTrue();
        assertThat(organizations("%библиотека%")).as("nothing written by the check").isEqualTo(libraries);

        PageSession.Page imported = moderator.post(action.group(1), Map.of());
        assertThat(imported.status().value()).isEqualTo(200);
        assertThat(imported.body()).contains("Импортировано организаций: 2");
        assertThat(db.sql("""
                        SELECT count(*) AS n FROM organization c JOIN organization p ON p.id = c.parent_id
                        WHERE c.name = 'Сельская библиотека-филиал' AND p.unp = '690000022'""")
                .map(r -> r.get("n", Long.class)).one().block()).isEqualTo(1);
        assertThat(moderator.post(action.group(1), Map.of()).status().value()).as("imported once").isEqualTo(410);

        PageSession citizen = pageAs(Role.CITIZEN, null);
        assertThat(upload(citizen, template).getStatus().value()).isEqualTo(403);
        assertThat(citizen.get("/moderation/imports").status().value()).isEqualTo(403);
    }

    /** The file posted as a browser posts the page's form: multipart with a length, the CSRF field among the parts. */
    private EntityExchangeResult<String> upload(PageSession session, String csv) {
        String boundary = "----ocenka" + System.nanoTime();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + session.cookie("XSRF-TOKEN") + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"registry.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"csv\"\r\n\r\n\r\n"
                + "--" + boundary + "--\r\n";
        return web.post().uri("/moderation/imports/check").accept(MediaType.TEXT_HTML)
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                .cookie("SESSION", session.cookie("SESSION")).cookie("XSRF-TOKEN", session.cookie("XSRF-TOKEN"))
                .bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange().expectBody(String.class).returnResult();
    }

    private long organizations(String like) {
        return db.sql("SELECT count(*) AS n FROM organization WHERE name ILIKE :like").bind("like", like)
                .map(r -> r.get("n", Long.class)).one().block();
    }
}
