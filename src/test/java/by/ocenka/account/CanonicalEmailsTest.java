package by.ocenka.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import by.ocenka.account.internal.CanonicalEmail;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Fair play (issue 16): one person should not count many times, so an address is one account whatever its form —
 * case, a "+tag", Gmail's dots: a second registration finds the first account, and a code sent to another form of
 * the address signs into the same account (whose daily limit then holds).
 */
class CanonicalEmailsTest extends IntegrationTest {

    private long users() {
        return db.sql("SELECT count(*) FROM app_user").map(r -> r.get(0, Long.class)).one().block();
    }

    @Test
    void equivalentAddressesAreOneAccount() {
        WebTestClient client = withCsrf();
        client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "Anna.Kovalenko@gmail.com", "password", "Mir-castle-1520-x", "displayName", "Анна"))
                .exchange().expectStatus().isAccepted();
        assertThat(users()).isEqualTo(1);
        for (String other : new String[] {"annakovalenko@gmail.com", "anna.kovalenko+ocenka@googlemail.com",
                "ANNA.KOVALENKO@GMAIL.COM"}) {
            client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", other, "password", "Other-password-2026", "displayName", "Клон"))
                    .exchange().expectStatus().isAccepted();
        }
        assertThat(users()).isEqualTo(1);
        // The owner of the address was told each time that it has an account.
        assertThat(db.sql("SELECT count(*) FROM mail_outbox WHERE subject LIKE '%регистрации%'").map(r -> r.get(0, Long.class))
                .one().block()).isEqualTo(3);

        // A code asked for another form of the address goes to the account's own address and signs into it.
        client.post().uri("/api/v1/auth/email-code").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "a.n.n.a.kovalenko+x@gmail.com")).exchange().expectStatus().isAccepted();
        String code = tokenFromMail("Anna.Kovalenko@gmail.com", "Ocenka: ");
        client.post().uri("/api/v1/auth/email-code/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "a.n.n.a.kovalenko+x@gmail.com", "code", code)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.email").isEqualTo("Anna.Kovalenko@gmail.com");
        assertThat(users()).isEqualTo(1);

        // Elsewhere dots count: two accounts.
        accounts.create("ivan.petrov@mail.by", "Ivan-password-2026", "Иван", true, Role.CITIZEN, null).block();
        accounts.create("ivanpetrov@mail.by", "Ivan-password-2027", "Иван", true, Role.CITIZEN, null).block();
        assertThat(users()).isEqualTo(3);
        assertThat(accounts.create("Ivan.Petrov+1@mail.by", "Ivan-password-2028", "Иван", true, Role.CITIZEN, null)
                .blockOptional()).isEmpty();
    }

    /** The Java form, which keeps counters (login limits, known browsers, codes), agrees with the SQL one. */
    @Test
    void theCountersKeyAgreesWithTheDatabaseFunction() {
        for (String address : List.of("Ivan.Petrov+rate@GMail.com", "i.v.a.n@googlemail.com",
                "plain@example.by", "Name+tag+more@Mail.RU", "a.b@yandex.by", "+only@example.by", "no-at-sign",
                "two@at@signs.by", "  Spaced@Example.by ", "Кириллица@пример.бел", "dots.in.gmail+x@gmail.com")) {
            String sql = db.sql("SELECT canonical_email(:address) AS canonical").bind("address", address.strip())
                    .map(row -> row.get("canonical", String.class)).one().block();
            assertThat(CanonicalEmail.of(address)).as(address).isEqualTo(sql);
        }
        assertThat(CanonicalEmail.of("Ivan.Petrov+rate@GMail.com")).isEqualTo("ivanpetrov@gmail.com");
    }
}
