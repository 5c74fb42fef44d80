package by.ocenka.cabinet;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.cabinet.CabinetRecords.CabinetQuestionnaire;
import by.ocenka.cabinet.CabinetRecords.ManagedOrganization;
import by.ocenka.platform.Page;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.SecondInstance;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The subtree's feed: live from any instance, resumable, filtered, and closed outside the staff member's scope. */
class CabinetFeedTest extends CabinetTesting {

    @Autowired
    Environment environment;
    @Autowired
    ReactiveStringRedisTemplate strings;

    @Test
    void aBodySeesItsSubtreeLiveFromAnotherInstanceAndResumes() {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        RatingTestSupport.citizens(db, 1, 2);
        Staff admin = staff(Role.ORG_ADMIN, body);

        List<ManagedOrganization> managed = admin.client().get().uri("/api/v1/cabinet/organizations").exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<List<ManagedOrganization>>() { })
                .returnResult().getResponseBody();
        assertThat(managed.get(0).id()).isEqualTo(body);
        assertThat(managed.get(0).role()).isEqualTo("ORG_ADMIN");
        assertThat(managed.get(0).subtreeSize()).isGreaterThanOrEqualTo(2);

        // A stream opens with an id, so that one which ends before its first questionnaire still resumes from there.
        String opening = events(admin.session(), body, null).blockFirst(Duration.ofSeconds(10)).id();
        assertThat(opening).isNotBlank();

        // Live: the body's admin listens on this instance; a citizen rates the unit through another instance.
        try (SecondInstance second = new SecondInstance(environment)) {
            List<WebTestClient> citizens = RatingTestSupport.sessions(second.web, 1, 2);
            long[] sentAt = new long[1];
            StepVerifier.create(events(admin.session(), body, null).take(2))
                    .assertNext(event -> assertThat(event.comment()).isEqualTo("live"))
                    .then(() -> {
                        sentAt[0] = System.nanoTime();
                        rate(citizens.get(0), unit, LOW, "Долго ждали в очереди");
                    })
                    .assertNext(event -> {
                        System.out.printf("The cabinet's live feed showed the questionnaire %d ms after it was accepted%n",
                                Duration.ofNanos(System.nanoTime() - sentAt[0]).toMillis());
                        assertThat(event.event()).isEqualTo("questionnaire");
                        assertThat(event.data()).containsEntry("comment", "Долго ждали в очереди");
                        assertThat((Map<String, Object>) event.data().get("organization")).containsEntry("id", (int) unit);
                        assertThat(event.id()).isEqualTo(String.valueOf(event.data().get("id")));
                    })
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
        }
        long questionnaire = feed(admin, body, "").items().get(0).id();
        // The stream that saw only its opening resumes from its id and misses nothing.
        StepVerifier.create(events(admin.session(), body, opening).take(2))
                .assertNext(event -> assertThat(event.id()).isEqualTo(opening))
                .assertNext(event -> assertThat(event.id()).isEqualTo(String.valueOf(questionnaire)))
                .expectComplete()
                .verify(Duration.ofSeconds(10));

        // A stream that last saw that questionnaire gets what came after it first.
        long later = rate(RatingTestSupport.sessions(web, 2, 1).get(0), unit, RatingTestSupport.FIVES, null);
        StepVerifier.create(events(admin.session(), body, String.valueOf(questionnaire)).take(2))
                .assertNext(event -> {
                    assertThat(event.comment()).isEqualTo("live");
                    assertThat(event.id()).isEqualTo(String.valueOf(questionnaire));
                })
                .assertNext(event -> assertThat(event.id()).isEqualTo(String.valueOf(later)))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void theFeedFiltersAndStaysInsideTheScope() {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        long outside = tree.outside();
        long questionnaire = rate(citizens(1).get(0), unit, LOW, "Долго ждали в очереди");
        Staff admin = staff(Role.ORG_ADMIN, body);
        Staff responder = staff(Role.ORG_RESPONDER, unit);

        Page<CabinetQuestionnaire> waiting = feed(admin, body, "?withComment=true&replied=false&maxMean=3");
        assertThat(waiting.total()).isEqualTo(1);
        assertThat(waiting.items().get(0).id()).isEqualTo(questionnaire);
        assertThat(waiting.items().get(0).replyDueAt()).isNotNull();
        assertThat(waiting.items().get(0).overdue()).isFalse();
        assertThat(feed(admin, body, "?maxMean=1.5").total()).isZero();
        admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/questionnaires?maxMean=9")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("maxMean");
        // The responder of the unit sees it too, but not the body above.
        assertThat(feed(responder, unit, "").total()).isEqualTo(1);

        // Outside the scope: 403; unknown: 404; a citizen has no cabinet.
        admin.client().get().uri("/api/v1/cabinet/organizations/" + outside + "/questionnaires").exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").value(t -> assertThat(t.toString()).endsWith("outside-scope"));
        responder.client().get().uri("/api/v1/cabinet/organizations/" + body + "/analytics").exchange().expectStatus().isForbidden();
        responder.client().get().uri("/api/v1/cabinet/organizations/" + unit + "/audit").exchange().expectStatus().isForbidden();
        admin.client().get().uri("/api/v1/cabinet/organizations/987654321/questionnaires").exchange().expectStatus().isNotFound();
        citizen().get().uri("/api/v1/cabinet/organizations").exchange().expectStatus().isForbidden();
    }

    @Test
    void questionnairesHeardOutOfIdOrderAllReachTheFeed() {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        List<Long> citizens = RatingTestSupport.citizens(db, 1, 2);
        Staff admin = staff(Role.ORG_ADMIN, body);
        // Two questionnaires committed, the live event of the newer one heard first (concurrent batches, two instances).
        List<Long> ids = citizens.stream().map(citizen -> db.sql("""
                        INSERT INTO questionnaire (organization_id, user_id, local_date, scores, mean)
                        VALUES (:unit, :citizen, current_date, '{"OVERALL": 5}', 5) RETURNING id""")
                .bind("unit", unit).bind("citizen", citizen).map(r -> r.get("id", Long.class)).one().block()).toList();
        String older = event(unit, ids.get(0), 1);
        String newer = event(unit, ids.get(1), 2);
        StepVerifier.create(events(admin.session(), body, null).take(3))
                .assertNext(event -> assertThat(event.comment()).isEqualTo("live"))
                .then(() -> strings.convertAndSend("ocenka:ratings", newer)
                        .then(Mono.delay(Duration.ofMillis(300)))
                        .then(strings.convertAndSend("ocenka:ratings", older)).subscribe())
                .assertNext(event -> assertThat(event.id()).isEqualTo(String.valueOf(ids.get(1))))
                .assertNext(event -> assertThat(event.id()).isEqualTo(String.valueOf(ids.get(0))))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    /** A live rating event as the aggregate script publishes it. */
    private static String event(long organization, long questionnaire, long n) {
        return String.format("{\"id\":%d,\"o\":%d,\"n\":%d,\"sum\":%d,\"sat\":%d,\"mean\":\"5\",\"at\":\"%s\",\"q\":%d}",
                900_000 + questionnaire, organization, n, 5_000_000 * n, n, OffsetDateTime.now(), questionnaire);
    }
}
