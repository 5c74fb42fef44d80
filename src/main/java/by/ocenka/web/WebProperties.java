package by.ocenka.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The pages' settings.
 *
 * @param mapTilesUrl     the map's tile URL template ({@code {z}/{x}/{y}}): OpenStreetMap, or a deployment's own server
 * @param mapAttribution  the credit the tiles' licence asks for
 * @param publicCacheSize how much memory the kept public pages and answers may take (an organisation's page with its
 *                        gzip copy is about 15 KB; the whole demo country's pages, forms and JSON need about 500 MB);
 *                        unset: a quarter of the heap, from 64 MB to 1 GB ({@link #fromHeap})
 * @param warmOrganizations how many of the busiest organisations (rated most in the last 30 days) have their rating
 *                        form and page rendered ahead after a start and after everything kept was dropped; 0: none
 * @param firstRenders    how many pages nobody has kept yet may be rendered at once (the rest wait their turn); unset:
 *                        four per processor (a render mostly waits for PostgreSQL, so fewer would leave the cores idle
 *                        while the queue grows)
 */
@ConfigurationProperties("ocenka.web")
public record WebProperties(String mapTilesUrl, String mapAttribution, DataSize publicCacheSize, Integer warmOrganizations,
                            Integer firstRenders) {

    public WebProperties {
        mapTilesUrl = mapTilesUrl == null || mapTilesUrl.isBlank()
                ? "https://tile.openstreetmap.org/{z}/{x}/{y}.png" : mapTilesUrl;
        mapAttribution = mapAttribution == null ? "© OpenStreetMap contributors" : mapAttribution;
        publicCacheSize = publicCacheSize == null ? fromHeap(Runtime.getRuntime().maxMemory()) : publicCacheSize;
        warmOrganizations = warmOrganizations == null ? 1000 : Math.max(0, warmOrganizations);
        firstRenders = firstRenders == null ? 4 * Runtime.getRuntime().availableProcessors() : Math.max(1, firstRenders);
    }

    /**
     * The kept pages' memory when none is set: a quarter of the heap (256 MB of a 1 GB heap: the pages a day's
     * popular and long-tail organisations are read from, about 5,000 with their JSON and forms; the whole demo country
     * with the 6 GB a JVM takes by default on a 24 GB machine), never under 64 MB nor over 1 GB.
     */
    static DataSize fromHeap(long maxHeapBytes) {
        long quarter = maxHeapBytes / 4;
        return DataSize.ofBytes(Math.max(DataSize.ofMegabytes(64).toBytes(), Math.min(DataSize.ofGigabytes(1).toBytes(), quarter)));
    }
}
