package by.ocenka.catalog;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.CacheControl;

import static org.assertj.core.api.Assertions.assertThat;

/** The public catalogue over HTTP, on the Minsk slice of the demo data set. */
class CatalogApiTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;

    long loaded;

    @BeforeEach
    void loadMinsk() {
        loaded = demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
    }

    @Test
    void spheresListAll32WithCategoriesAndCounts() {
        List<Map<String, Object>> spheres = web.get().uri("/api/v1/spheres").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
        assertThat(spheres).hasSize(32);
        assertThat(spheres.get(0)).containsEntry("name", "Здравоохранение");
        assertThat(((Number) spheres.get(0).get("organizationsCount")).longValue()).isPositive();
        assertThat(spheres.stream().mapToLong(s -> ((Number) s.get("organizationsCount")).longValue()).sum())
                .isEqualTo(loaded);
        web.get().uri("/api/v1/spheres").header("Accept-Language", "en").exchange()
                .expectBody().jsonPath("$[0].name").isEqualTo("Health care")
                .jsonPath("$[0].categories[0].name").isEqualTo("Polyclinics");
    }

    @Test
    void regionsListTheOblastsAndMinskWithEveryDistrict() {
        web.get().uri("/api/v1/regions").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(7)
                .jsonPath("$[?(@.name == 'г. Минск')].districts.length()").isEqualTo(9)
                .jsonPath("$[*].districts[*]").value(all -> assertThat((List<?>) all).hasSize(127));
        // Every district has its name in Belarusian and English too: nothing falls back to Russian.
        for (String language : List.of("be", "en")) {
            web.get().uri("/api/v1/regions").header("Accept-Language", language).exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$[*].districts[*].name").value(names -> assertThat((List<?>) names).hasSize(127)
                            .allSatisfy(name -> assertThat((String) name).doesNotContain("район")
                                    .matches(language.equals("be") ? ".* раён" : ".* District")));
        }
        web.get().uri("/api/v1/regions").header("Accept-Language", "en").exchange().expectBody()
                .jsonPath("$[?(@.name == 'Minsk')].districts[?(@.id == 127)].name").isEqualTo(List.of("Tsentralny District"));
    }

    @Test
    void searchFindsWordFormsPrefixesAndTypos() {
        for (String q : List.of("поликлиники", "полик", "паликлиника", "Поликлиника", "паликл", "городская паликлиника")) {
            web.get().uri(b -> b.path("/api/v1/organizations").queryParam("q", q).build()).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.total").value(total -> assertThat(((Number) total).longValue()).as(q).isPositive())
                    .jsonPath("$.items[0].name").value(name -> assertThat((String) name).as(q).containsIgnoringCase("поликлиник"));
        }
        web.get().uri(b -> b.path("/api/v1/organizations").queryParam("q", "школа").queryParam("size", 5).build())
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(5)
                .jsonPath("$.size").isEqualTo(5)
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.items[0].sphere.name").isEqualTo("Образование")
                .jsonPath("$.items[0].score").doesNotExist();
    }

    @Test
    void filtersNarrowAndPagesAddUp() {
        long all = total("/api/v1/organizations");
        assertThat(all).isEqualTo(loaded);
        long health = total("/api/v1/organizations?sphere=1");
        assertThat(health).isPositive().isLessThan(all);
        long lastPage = (health - 1) / 20;
        web.get().uri("/api/v1/organizations?sphere=1&page=" + lastPage).exchange()
                .expectBody().jsonPath("$.items.length()").isEqualTo((int) (health - lastPage * 20));
        web.get().uri("/api/v1/organizations?sphere=1&page=" + (lastPage + 5)).exchange()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0).jsonPath("$.total").isEqualTo((int) health);
    }

    @Test
    void badParametersAreProblemsAndChangeNothing() {
        expectFieldError("/api/v1/organizations?size=0", "size");
        expectFieldError("/api/v1/organizations?size=1000", "size");
        expectFieldError("/api/v1/organizations?page=-1", "page");
        expectFieldError("/api/v1/organizations?sphere=999", "sphere");
        expectFieldError("/api/v1/organizations?sphere=abc", "sphere");
        expectFieldError("/api/v1/organizations?parent=987654321", "parent");
        expectFieldError("/api/v1/organizations?sort=cheapest", "sort");
        expectFieldError("/api/v1/organizations?q=" + "а".repeat(201), "q");
        assertThat(total("/api/v1/organizations")).isEqualTo(loaded);
    }

    @Test
    void organizationDetailAndChildren() {
        Map<String, Object> committee = first("/api/v1/organizations?q=Мингорисполком");
        long id = ((Number) committee.get("id")).longValue();
        web.get().uri("/api/v1/organizations/" + id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("Минский городской исполнительный комитет")
                .jsonPath("$.unp").value(unp -> assertThat(Unp.isValid((String) unp)).isTrue())
                .jsonPath("$.parent").doesNotExist()
                .jsonPath("$.childrenCount").isEqualTo(9 + 4)
                .jsonPath("$.rateUrl").isEqualTo("http://localhost:8080/o/" + id + "/rate")
                .jsonPath("$.district.name").isEqualTo("Центральный район");
        web.get().uri("/api/v1/organizations/" + id + "/children?size=100").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total").isEqualTo(13)
                .jsonPath("$.items[?(@.name =~ /Администрация .*/)]").value(list -> assertThat((List<?>) list).hasSize(9));
        web.get().uri("/api/v1/organizations/987654321").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://ocenka.by/problems/organization-not-found");
        web.get().uri("/api/v1/organizations/987654321/children").exchange().expectStatus().isNotFound();
        expectFieldError("/api/v1/organizations/abc", "id");
    }

    @Test
    void mapAnswersPointsInsideTheBoxAndClustersPastTheLimit() {
        // Central Minsk: a few hundred organisations, each a point inside the box.
        Map<String, Object> centre = json("/api/v1/map/organizations?bbox=27.50,53.87,27.62,53.93");
        assertThat(centre).containsEntry("type", "FeatureCollection");
        List<Map<String, Object>> points = features(centre);
        assertThat(points).isNotEmpty().hasSizeLessThanOrEqualTo(CatalogService.MAP_POINTS_LIMIT);
        for (Map<String, Object> point : points) {
            List<Number> xy = coordinates(point);
            assertThat(xy.get(0).doubleValue()).isBetween(27.50, 27.62);
            assertThat(xy.get(1).doubleValue()).isBetween(53.87, 53.93);
            assertThat(properties(point)).containsKeys("id", "name", "score", "ratingsCount").doesNotContainKey("cluster");
        }
        // Only health care in the same box: fewer points, all of them health care.
        List<Map<String, Object>> health = features(json("/api/v1/map/organizations?bbox=27.50,53.87,27.62,53.93&sphere=1"));
        assertThat(health).isNotEmpty().hasSizeLessThan(points.size());
        long someClinic = ((Number) properties(health.get(0)).get("id")).longValue();
        web.get().uri("/api/v1/organizations/" + someClinic).exchange().expectBody().jsonPath("$.sphere.id").isEqualTo(1);

        // With Minsk and the Gomel region the country holds over 2,000: they come as clusters that add up.
        TestData.clean(db, redis).block(Duration.ofSeconds(30));
        loaded = demo.load(region -> region.equals("MINSK") || region.equals("GOMEL")).block(Duration.ofSeconds(60));
        assertThat(loaded).isGreaterThan(CatalogService.MAP_POINTS_LIMIT);
        List<Map<String, Object>> country = features(json("/api/v1/map/organizations?bbox=23.1,51.2,32.8,56.2"));
        assertThat(country).allSatisfy(f -> assertThat(properties(f)).containsEntry("cluster", true));
        assertThat(country.stream().mapToLong(f -> ((Number) properties(f).get("count")).longValue()).sum())
                .isEqualTo(loaded);
        // At each zoom level the bubbles do not overlap on the screen, every organisation is in one of them, and
        // each says its size and the mean score of its rated organisations.
        for (int zoom = 5; zoom <= 9; zoom++) {
            List<Map<String, Object>> clusters = features(json("/api/v1/map/organizations?bbox=23.1,51.2,32.8,56.2&zoom=" + zoom));
            assertThat(clusters.stream().mapToLong(f -> count(f)).sum()).as("zoom %d", zoom).isEqualTo(loaded);
            assertApart(clusters, zoom);
        }
        // Into Minsk, where the box holds fewer than 2,000: single organisations stay points only where their markers
        // do not touch, the rest are clusters; together every organisation in the box, none overlapping.
        for (int zoom = 11; zoom <= 14; zoom++) {
            String box = "27.40,53.83,27.70,53.97";
            List<Map<String, Object>> plain = features(json("/api/v1/map/organizations?bbox=" + box));
            List<Map<String, Object>> laid = features(json("/api/v1/map/organizations?bbox=" + box + "&zoom=" + zoom));
            assertThat(plain).hasSizeLessThanOrEqualTo(CatalogService.MAP_POINTS_LIMIT);
            assertThat(laid.stream().mapToLong(f -> count(f)).sum()).as("zoom %d", zoom).isEqualTo(plain.size());
            assertThat(laid).anySatisfy(f -> assertThat(properties(f)).doesNotContainKey("cluster"));
            assertApart(laid, zoom);
        }
        expectFieldError("/api/v1/map/organizations?bbox=23.1,51.2,32.8,56.2&zoom=40", "zoom");

        // An empty sea: no features.
        assertThat(features(json("/api/v1/map/organizations?bbox=0,0,1,1"))).isEmpty();
    }

    private long count(Map<String, Object> feature) {
        Object count = properties(feature).get("count");
        return count == null ? 1 : ((Number) count).longValue();
    }

    /** No two markers overlap on the screen at the zoom (a point's marker is {@link MapClusters#POINT_SIZE} across). */
    private void assertApart(List<Map<String, Object>> features, int zoom) {
        for (int i = 0; i < features.size(); i++) {
            for (int j = i + 1; j < features.size(); j++) {
                Map<String, Object> a = properties(features.get(i));
                Map<String, Object> b = properties(features.get(j));
                List<Number> pa = coordinates(features.get(i));
                List<Number> pb = coordinates(features.get(j));
                double dx = MapClusters.x(pa.get(0).doubleValue(), zoom) - MapClusters.x(pb.get(0).doubleValue(), zoom);
                double dy = MapClusters.y(pa.get(1).doubleValue(), zoom) - MapClusters.y(pb.get(1).doubleValue(), zoom);
                double room = (size(a) + size(b)) / 2;
                assertThat(Math.hypot(dx, dy)).as("markers %d and %d at zoom %d", i, j, zoom).isGreaterThanOrEqualTo(room);
            }
        }
    }

    private static double size(Map<String, Object> properties) {
        Object size = properties.get("size");
        return size == null ? MapClusters.POINT_SIZE : ((Number) size).doubleValue();
    }

    @Test
    void mapRefusesBadBoxes() {
        expectFieldError("/api/v1/map/organizations?bbox=27.62,53.93,27.50,53.87", "bbox");
        expectFieldError("/api/v1/map/organizations?bbox=27.5,53.9,27.6", "bbox");
        expectFieldError("/api/v1/map/organizations?bbox=a,b,c,d", "bbox");
        expectFieldError("/api/v1/map/organizations?bbox=-200,53,27,54", "bbox");
        expectFieldError("/api/v1/map/organizations", "bbox");
        expectFieldError("/api/v1/map/organizations?bbox=27.50,53.87,27.62,53.93&sphere=99", "sphere");
    }

    @Test
    void qrCodeOpensTheRatingPage() throws Exception {
        long id = ((Number) first("/api/v1/organizations?q=Мингорисполком").get("id")).longValue();
        String rateUrl = "http://localhost:8080/o/" + id + "/rate";

        var png = web.get().uri("/api/v1/organizations/" + id + "/qr?size=300").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("image/png")
                .expectHeader().cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
                .expectBody(byte[].class).returnResult();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.getResponseBody()));
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(image.getHeight()).isEqualTo(300);
        assertThat(QrDecoding.decode(image)).isEqualTo(rateUrl);
        // The quiet zone: the outer band of four modules (at least 4 px even at the smallest scale) is white.
        for (int i = 0; i < 300; i++) {
            assertThat(image.getRGB(i, 3) & 0xFFFFFF).isEqualTo(0xFFFFFF);
            assertThat(image.getRGB(3, i) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        }

        // A repeat visit with the ETag costs nothing.
        String etag = png.getResponseHeaders().getETag();
        web.get().uri("/api/v1/organizations/" + id + "/qr?size=300").header("If-None-Match", etag).exchange()
                .expectStatus().isNotModified();

        byte[] svg = web.get().uri("/api/v1/organizations/" + id + "/qr?format=svg&size=1024").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("image/svg+xml")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(QrDecoding.decodeSvg(new String(svg, StandardCharsets.UTF_8))).isEqualTo(rateUrl);

        // The smallest size still scans.
        byte[] small = web.get().uri("/api/v1/organizations/" + id + "/qr?size=64").exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(QrDecoding.decode(ImageIO.read(new ByteArrayInputStream(small)))).isEqualTo(rateUrl);
    }

    @Test
    void qrCodeRefusesBadInput() {
        long id = ((Number) first("/api/v1/organizations?q=Мингорисполком").get("id")).longValue();
        expectFieldError("/api/v1/organizations/" + id + "/qr?size=63", "size");
        expectFieldError("/api/v1/organizations/" + id + "/qr?size=2049", "size");
        expectFieldError("/api/v1/organizations/" + id + "/qr?format=gif", "format");
        expectFieldError("/api/v1/organizations/abc/qr", "id");
        web.get().uri("/api/v1/organizations/987654321/qr").exchange().expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");
    }

    private Map<String, Object> json(String uri) {
        return web.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> features(Map<String, Object> collection) {
        return (List<Map<String, Object>>) collection.get("features");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> feature) {
        return (Map<String, Object>) feature.get("properties");
    }

    @SuppressWarnings("unchecked")
    private static List<Number> coordinates(Map<String, Object> feature) {
        return (List<Number>) ((Map<String, Object>) feature.get("geometry")).get("coordinates");
    }

    private long total(String uri) {
        Map<String, Object> page = web.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return ((Number) page.get("total")).longValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> first(String uri) {
        Map<String, Object> page = web.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).get(0);
    }

    private void expectFieldError(String uri, String field) {
        web.get().uri(uri).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }
}
