package by.ocenka.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicBaseUrl the address citizens reach the portal at; QR codes point to {@code {publicBaseUrl}/o/{id}/rate}
 */
@ConfigurationProperties("ocenka.catalog")
public record CatalogProperties(String publicBaseUrl) {

    public CatalogProperties {
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? "http://localhost:8080"
                : publicBaseUrl.replaceAll("/+$", "");
    }
}
