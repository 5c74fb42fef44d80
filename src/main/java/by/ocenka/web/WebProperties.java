package by.ocenka.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The pages' settings.
 *
 * @param mapTilesUrl     the map's tile URL template ({@code {z}/{x}/{y}}): OpenStreetMap, or a deployment's own server
 * @param mapAttribution  the credit the tiles' licence asks for
 * @param publicCacheSize how much memory the kept public pages and answers may take (an organisation's page with its
 *                        gzip copy is about 15 KB; the whole demo country's pages, forms and JSON need about 500 MB)
 */
@ConfigurationProperties("ocenka.web")
public record WebProperties(String mapTilesUrl, String mapAttribution, DataSize publicCacheSize) {

    public WebProperties {
        mapTilesUrl = mapTilesUrl == null || mapTilesUrl.isBlank()
                ? "https://tile.openstreetmap.org/{z}/{x}/{y}.png" : mapTilesUrl;
        mapAttribution = mapAttribution == null ? "© OpenStreetMap contributors" : mapAttribution;
        publicCacheSize = publicCacheSize == null ? DataSize.ofMegabytes(128) : publicCacheSize;
    }
}
