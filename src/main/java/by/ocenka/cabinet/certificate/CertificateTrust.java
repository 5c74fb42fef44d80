package by.ocenka.cabinet.certificate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import by.ocenka.cabinet.CertificateLoginProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Whether a client certificate chains up to one of the configured authorities and is valid today (PKIX, the JDK's
 * validator). Revocation is not checked here: the TLS terminator (nginx {@code ssl_crl}, or the JDK's
 * {@code com.sun.net.ssl.checkRevocation} on the portal's own HTTPS port) is where CRLs and OCSP are configured.
 * Certificates of the national PKI use the STB 34.101 algorithms, which the JDK cannot verify without a JCA provider
 * that implements them (see docs/SECURITY.md).
 */
@Component
class CertificateTrust {

    private static final Logger log = LoggerFactory.getLogger(CertificateTrust.class);

    private final Set<TrustAnchor> anchors = new HashSet<>();

    CertificateTrust(CertificateLoginProperties properties, ResourceLoader resources) {
        if (!properties.enabled()) {
            return;
        }
        for (String location : properties.trustAnchors()) {
            try (InputStream in = resources.getResource(location.strip()).getInputStream()) {
                CertificateFactory.getInstance("X.509").generateCertificates(in)
                        .forEach(c -> anchors.add(new TrustAnchor((X509Certificate) c, null)));
            } catch (IOException e) {
                throw new UncheckedIOException("certificate login: cannot read the trust anchors at " + location, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("certificate login: no certificates at " + location, e);
            }
        }
        if (anchors.isEmpty()) {
            throw new IllegalStateException("certificate login is enabled, but ocenka.cabinet.certificate-login.trust-anchors names no certificate");
        }
        // The JDK's validator reads its lists of distrusted certificates from files on first use: at start-up, then,
        // rather than on an event loop at the first login.
        validates(List.of(anchors.iterator().next().getTrustedCert()));
        log.info("Certificate login on, trusting {} authorities", anchors.size());
    }

    boolean trusts(List<X509Certificate> chain) {
        if (anchors.isEmpty() || chain.isEmpty()) {
            return false;
        }
        // The path ends below the anchor: a chain that includes the authority's own certificate drops it (and an
        // authority's certificate alone is no client's).
        List<X509Certificate> path = chain.stream()
                .filter(c -> anchors.stream().noneMatch(a -> a.getTrustedCert().equals(c))).toList();
        return !path.isEmpty() && validates(path);
    }

    private boolean validates(List<X509Certificate> path) {
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return true;
        } catch (GeneralSecurityException e) {
            log.debug("Client certificate refused: {}", e.getMessage());
            return false;
        }
    }
}
