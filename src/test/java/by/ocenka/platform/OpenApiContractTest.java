package by.ocenka.platform;

import java.nio.charset.StandardCharsets;
import java.util.List;

import by.ocenka.support.ApiContract;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check that holds every API test to /v3/api-docs ({@link ApiContract}) is not vacuous: real answers pass, and the
 * same answers altered the ways the document used to be wrong (an undeclared status, a null where it promises a
 * value, a problem body it does not describe) fail it.
 */
class OpenApiContractTest extends IntegrationTest {

    private ApiContract.Exchange organization() {
        long id = minskOrganization();
        web.get().uri("/api/v1/organizations/{id}", id).exchange().expectStatus().isOk();
        return last();
    }

    private ApiContract.Exchange last() {
        List<ApiContract.Exchange> recorded = apiContract().recorded();
        assertThat(apiContract().violations()).as("the real answers").isEmpty();
        return recorded.get(recorded.size() - 1);
    }

    @Test
    void knownGoodCallsPass() {
        ApiContract.Exchange detail = organization();
        assertThat(apiContract().violationsOf(detail)).isEmpty();
        // A write with a body and a problem answer, both described.
        withCsrf().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\": \"nobody@example.by\", \"password\": \"not the password\"}")
                .exchange().expectStatus().isUnauthorized();
        assertThat(apiContract().violations()).isEmpty();
    }

    @Test
    void anUndeclaredStatusFails() {
        assertThat(apiContract().violationsOf(organization().withStatus(418)))
                .anySatisfy(message -> assertThat(message).contains("validation.response.status.unknown"));
    }

    @Test
    void aNullWhereTheDocumentPromisesAValueFails() {
        ApiContract.Exchange detail = organization();
        String body = new String(detail.responseBody(), StandardCharsets.UTF_8);
        String nameless = body.replaceFirst("\"name\":\"[^\"]*\"", "\"name\":null");
        assertThat(nameless).isNotEqualTo(body);
        assertThat(apiContract().violationsOf(detail.withResponseBody(nameless)))
                .anySatisfy(message -> assertThat(message).contains("[Path '/name']").contains("null"));
    }

    @Test
    void aProblemBodyTheDocumentDoesNotDescribeFails() {
        web.get().uri("/api/v1/organizations/987654321").exchange().expectStatus().isNotFound();
        ApiContract.Exchange notFound = last();
        assertThat(apiContract().violationsOf(notFound)).isEmpty();
        assertThat(apiContract().violationsOf(notFound.withResponseBody("{\"status\": \"missing\"}")))
                .anySatisfy(message -> assertThat(message).contains("[Path '/status']"));
    }

    @Test
    void aRefusedRequestIsNotHeldAgainstTheDocumentButItsAnswerIs() {
        // Wrong types in the body: the server refuses them (400), which is right, and its problem answer is described.
        citizen().post().uri("/api/v1/organizations/{id}/ratings", minskOrganization())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"scores\": \"five\"}")
                .exchange().expectStatus().isBadRequest();
        assertThat(apiContract().violations()).isEmpty();
    }
}
