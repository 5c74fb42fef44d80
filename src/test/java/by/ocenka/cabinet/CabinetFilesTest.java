package by.ocenka.cabinet;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.catalog.QrDecoding;
import by.ocenka.platform.PublicUrls;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.Subtrees;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Exports of the subtree's questionnaires (CSV safe for spreadsheets, XLSX) and posters whose QR code opens the rating form. */
class CabinetFilesTest extends CabinetTesting {

    @Autowired
    PublicUrls urls;

    @Test
    void exportsHoldTheRowsAndPostersCarryTheRateCode() throws Exception {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        RatingTestSupport.citizens(db, 1, 3);
        List<WebTestClient> citizens = RatingTestSupport.sessions(web, 1, 3);
        String tricky = "Окно №3, \"справки\"\nи очередь";
        citizens.get(0).post().uri("/api/v1/organizations/" + unit + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", tricky)).exchange().expectStatus().isCreated();
        citizens.get(1).post().uri("/api/v1/organizations/" + body + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", "=HYPERLINK(\"x\")")).exchange().expectStatus().isCreated();
        Staff admin = staff(Role.ORG_ADMIN, body);

        var csv = admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/export?format=csv").exchange()
                .expectStatus().isOk().expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"ocenka-" + body + "-.*\\.csv\"")
                .expectBody(byte[].class).returnResult().getResponseBody();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFid,organization_id,organization,created_at,mean,SIMPLICITY");
        assertThat(text).contains("\"Окно №3, \"\"справки\"\"\nи очередь\"").contains("'=HYPERLINK");
        assertThat(text.split("\r\n")).hasSize(3);

        byte[] xlsx = admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/export?format=xlsx").exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            // For people: the reader's language, the criteria as the organisation names them.
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("№ анкеты");
            assertThat(sheet.getRow(0).getCell(5).getStringCellValue()).startsWith("Простота");
            assertThat(sheet.getRow(1).getCell(15).getStringCellValue()).isEqualTo("опубликована");
            List<String> comments = List.of(sheet.getRow(1).getCell(13).getStringCellValue(), sheet.getRow(2).getCell(13).getStringCellValue());
            assertThat(comments).contains(tricky);
            assertThat(sheet.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(5.0);
        }
        // For a Russian-locale Excel: semicolons, a decimal comma, words in the reader's language.
        String excel = new String(admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/export?format=excel-csv")
                .header("Accept-Language", "ru").exchange().expectStatus().isOk()
                .expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"ocenka-" + body + "-.*\\.csv\"")
                .expectBody(byte[].class).returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertThat(excel).startsWith("\uFEFF№ анкеты;№ организации;Организация;Дата и время;Средняя оценка;Простота")
                .contains(";5,0;").contains(";опубликована;").contains(";нет;").contains("'=HYPERLINK");
        admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/export?format=doc").exchange().expectStatus().isBadRequest();

        String rateUrl = urls.rateUrl(unit);
        byte[] pdf = admin.client().get().uri("/api/v1/cabinet/organizations/" + unit + "/poster?format=pdf&lang=be").exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            // The page's one image is the QR code, as printed.
            var resources = document.getPage(0).getResources();
            var name = resources.getXObjectNames().iterator().next();
            var image = ((PDImageXObject) resources.getXObject(name)).getImage();
            assertThat(QrDecoding.decode(image)).isEqualTo(rateUrl);
            assertThat(new PDFTextStripper().getText(document)).contains("Ацаніце нас!");
        }
        String svg = admin.client().get().uri("/api/v1/cabinet/organizations/" + unit + "/poster?format=svg&lang=en").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(svg).contains("Rate our service!");
        String qr = svg.substring(svg.indexOf("<svg x="), svg.indexOf("</svg>") + 6);
        assertThat(QrDecoding.decodeSvg(qr)).isEqualTo(rateUrl);

        byte[] batch = admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/posters").exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        long units = db.sql("SELECT count(*) AS n FROM org_closure c JOIN organization o ON o.id = c.descendant_id "
                + "WHERE c.ancestor_id = :body AND o.status = 'ACTIVE'").bind("body", body).map(r -> r.get("n", Long.class)).one().block();
        try (var document = Loader.loadPDF(batch)) {
            assertThat(document.getNumberOfPages()).isEqualTo((int) Math.min(units, 500));
        }
        staff(Role.ORG_ADMIN, unit).client().get().uri("/api/v1/cabinet/organizations/" + body + "/poster").exchange()
                .expectStatus().isForbidden();
        assertThat(audit(admin, body).get(0).action()).isEqualTo("questionnaires.export");
    }
}
