package by.ocenka.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where citizens reach the portal ({@code ocenka.public-base-url}): links in mail, QR codes, feeds and badges are
 * absolute addresses under it, whatever host or proxy a request came through.
 *
 * @param publicBaseUrl the portal's public address, without a trailing slash
 */
@ConfigurationProperties("ocenka")
public record PublicUrls(String publicBaseUrl) {

    public PublicUrls {
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? "http://localhost:8080"
                : publicBaseUrl.strip().replaceAll("/+$", "");
    }

    /** An absolute address on the portal: {@code url("/o/1")} → {@code https://ocenka.by/o/1}. */
    public String url(String path) {
        return publicBaseUrl + path;
    }

    /** Where a citizen rates an organisation: the target of its QR code. */
    public String rateUrl(long organizationId) {
        return url("/o/" + organizationId + "/rate");
    }
}
