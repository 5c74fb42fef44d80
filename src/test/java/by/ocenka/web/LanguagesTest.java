package by.ocenka.web;

import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Russian by default, then Accept-Language, the lang cookie and the ?lang= switch, which sets the cookie. */
class LanguagesTest extends IntegrationTest {

    @Test
    void russianByDefault() {
        expectTitle(web.get().uri("/api/v1/missing"), "Не найдено");
    }

    @Test
    void acceptLanguagePicksEnglishOrBelarusian() {
        expectTitle(web.get().uri("/api/v1/missing").header("Accept-Language", "en-GB,en;q=0.9"), "Not found");
        expectTitle(web.get().uri("/api/v1/missing").header("Accept-Language", "be-BY, ru;q=0.5"), "Не знойдзена");
        expectTitle(web.get().uri("/api/v1/missing").header("Accept-Language", "de-DE"), "Не найдено");
    }

    @Test
    void cookieWinsOverAcceptLanguage() {
        expectTitle(web.get().uri("/api/v1/missing").cookie("lang", "be").header("Accept-Language", "en"),
                "Не знойдзена");
    }

    @Test
    void switchParameterAnswersInThatLanguageAndRemembersIt() {
        web.get().uri("/api/v1/missing?lang=en").exchange()
                .expectCookie().valueEquals("lang", "en")
                .expectCookie().path("lang", "/")
                .expectBody().jsonPath("$.title").isEqualTo("Not found");
    }

    private void expectTitle(WebTestClient.RequestHeadersSpec<?> request,
                             String title) {
        request.exchange().expectStatus().isNotFound().expectBody().jsonPath("$.title").isEqualTo(title);
    }
}
