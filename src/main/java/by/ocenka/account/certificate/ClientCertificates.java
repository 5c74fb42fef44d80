package by.ocenka.account.certificate;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import by.ocenka.account.CertificateLoginProperties;
import by.ocenka.platform.TrustedProxies;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.stereotype.Component;

/**
 * The client certificate of a request, leaf first: the one presented in the TLS handshake on the portal's own HTTPS
 * port (mutual TLS), else the one a trusted reverse proxy verified and forwarded in the configured header. A header
 * from anyone else is ignored.
 */
@Component
class ClientCertificates {

    private final CertificateLoginProperties properties;

    ClientCertificates(CertificateLoginProperties properties, TrustedProxies proxies) {
        this.properties = properties;
        // From anyone but a trusted proxy the header is dropped before it reaches a handler.
        proxies.onlyFromProxies(properties.header());
    }

    List<X509Certificate> of(ServerHttpRequest request) {
        SslInfo ssl = request.getSslInfo();
        if (ssl != null && ssl.getPeerCertificates() != null && ssl.getPeerCertificates().length > 0) {
            return List.of(ssl.getPeerCertificates());
        }
        String forwarded = request.getHeaders().getFirst(properties.header());
        if (forwarded == null || forwarded.isBlank()) {
            return List.of();
        }
        return parse(forwarded);
    }

    /** PEM (one or more, URL-encoded or not) or one base64 DER certificate; empty when it is neither. */
    static List<X509Certificate> parse(String value) {
        String text = value.contains("%") ? URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8) : value;
        try {
            byte[] bytes = text.contains("-----BEGIN")
                    ? text.getBytes(StandardCharsets.US_ASCII)
                    : Base64.getMimeDecoder().decode(text.strip());
            return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (CertificateException | IllegalArgumentException e) {
            return List.of();
        }
    }
}
