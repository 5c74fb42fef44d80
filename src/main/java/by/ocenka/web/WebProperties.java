package by.ocenka.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The pages' settings.
 *
 * @param mapTilesUrl     the map's tile URL template ({@code {z}/{x}/{y}}): OpenStreetMap, or a deployment's own server
 * @param mapAttribution  the credit the tiles' licence asks for
 */
@ConfigurationProperties("ocenka.web")
public record WebProperties(String mapTilesUrl, String mapAttribution) {

    public WebProperties {
        mapTilesUrl = mapTilesUrl == null || mapTilesUrl.isBlank()
                ? "https://tile.openstreetmap.org/{z}/{x}/{y}.png" : mapTilesUrl;
        mapAttribution = mapAttribution == null ? "© OpenStreetMap contributors" : mapAttribution;
    }
}
