package by.ocenka.cabinet;

import java.nio.charset.StandardCharsets;

import by.ocenka.account.Role;
import by.ocenka.cabinet.CabinetRecords.Analytics;
import by.ocenka.cabinet.CabinetRecords.SourceAnalytics;
import by.ocenka.catalog.QrDecoding;
import by.ocenka.rating.PosterSources;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the ratings come from (issue 31): a QR code made for one place carries its label; the forms opened from it
 * (a kept form too) and the ratings sent from them are counted without a database write per scan, and the cabinet's
 * analytics and page show them per label.
 */
class PosterSourcesTest extends CabinetTesting {

    @Autowired
    PosterSources sources;

    @Test
    void aPlacesCodeCountsTheFormsOpenedAndTheRatingsThatFollowedForTheCabinet() throws Exception {
        Subtrees tree = tree();
        long unit = tree.unit();
        String rateUrl = "http://localhost:8080/o/" + unit + "/rate";

        // The code of one place: the form with its label (and a service, when given).
        byte[] svg = web.get().uri("/api/v1/organizations/" + unit + "/qr?format=svg&size=512&source=Okno-2").exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(QrDecoding.decodeSvg(new String(svg, StandardCharsets.UTF_8))).isEqualTo(rateUrl + "?src=okno-2");
        byte[] withService = web.get().uri("/api/v1/organizations/" + unit + "/qr?format=svg&size=512&source=sait&service=7")
                .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(QrDecoding.decodeSvg(new String(withService, StandardCharsets.UTF_8)))
                .isEqualTo(rateUrl + "?service=7&src=sait");
        web.get().uri("/api/v1/organizations/" + unit + "/qr?source=окно 2").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("source");

        // Opened three times (the second and third answered from the kept form), once from a made-up organisation.
        for (int i = 0; i < 3; i++) {
            assertThat(web.get().uri("/o/" + unit + "/rate?src=okno-2").accept(MediaType.TEXT_HTML).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                    .contains("name=\"source\" value=\"okno-2\"");
        }
        web.get().uri("/o/987654321/rate?src=okno-2").accept(MediaType.TEXT_HTML).exchange().expectStatus().isNotFound();
        web.get().uri("/o/" + unit + "/rate?src=не-метка").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();

        // A citizen sends the form so opened: one rating followed.
        WebTestClient citizen = citizens(1).get(0);
        var fields = new LinkedMultiValueMap<String, String>();
        LOW.forEach((code, score) -> fields.add("score." + code, String.valueOf(score)));
        fields.add("source", "okno-2");
        citizen.post().uri("/o/{id}/rate", unit).accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(fields))
                .exchange().expectStatus().isSeeOther();

        // Not signed in yet, the visitor sends the form and is asked to sign in: the kept answers keep the label, so
        // the form they come back to (and send) still counts for the poster.
        var anonymous = new LinkedMultiValueMap<String, String>();
        LOW.forEach((code, score) -> anonymous.add("score." + code, String.valueOf(score)));
        anonymous.add("source", "okno-2");
        var kept = withCsrf().post().uri("/o/{id}/rate", unit).accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(anonymous))
                .exchange().expectStatus().isSeeOther().returnResult(Void.class);
        assertThat(web.get().uri("/o/" + unit + "/rate").cookies(cookies -> kept.getResponseCookies()
                        .forEach((name, values) -> cookies.add(name, values.get(0).getValue())))
                .accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .contains("name=\"source\" value=\"okno-2\"");

        sources.flush().block();
        assertThat(db.sql("SELECT count(*) FROM poster_source_month WHERE organization_id = 987654321 OR source <> 'okno-2'")
                .map(r -> r.get(0, Long.class)).one().block()).as("made-up organisations and labels are not kept").isZero();
        Staff admin = staff(Role.ORG_ADMIN, tree.body());
        Analytics figures = admin.client().get().uri("/api/v1/cabinet/organizations/" + tree.body() + "/analytics")
                .exchange().expectStatus().isOk().expectBody(Analytics.class).returnResult().getResponseBody();
        assertThat(figures.sources()).containsExactly(new SourceAnalytics("okno-2", 3, 1));
        String page = admin.client().get().uri("/cabinet/" + tree.body()).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("Откуда приходят оценки").contains("<td>okno-2</td>").contains("33 %");

        // Counted again later: the counts add up. (The rating changed the organisation's figures, so the page cache
        // rendered the kept form again in-process: that is no scan.)
        web.get().uri("/o/" + unit + "/rate?src=okno-2").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();
        sources.flush().block();
        assertThat(admin.client().get().uri("/api/v1/cabinet/organizations/" + tree.body() + "/analytics").exchange()
                .expectBody(Analytics.class).returnResult().getResponseBody().sources())
                .containsExactly(new SourceAnalytics("okno-2", 4, 1));
    }
}
