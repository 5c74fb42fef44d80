package by.ocenka.account.certificate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import by.ocenka.account.CertificateLoginProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Whether a client certificate is one to sign in with: issued directly by one of the configured authorities (not by a
 * certificate they issued: an authority's other certificates are not authorities here), valid today (PKIX, the JDK's
 * validator), and made for it: client authentication among its extended key usages, a digital signature among its key
 * usages, and no authority itself. Revocation is not checked here: the TLS terminator (nginx {@code ssl_crl}, or the JDK's
 * {@code com.sun.net.ssl.checkRevocation} on the portal's own HTTPS port) is where CRLs and OCSP are configured.
 * Certificates of the national PKI use the STB 34.101 algorithms, which the JDK cannot verify without a JCA provider
 * that implements them (see docs/SECURITY.md).
 */
@Component
class CertificateTrust {

    private static final Logger log = LoggerFactory.getLogger(CertificateTrust.class);

    /** id-kp-clientAuth (RFC 5280). */
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

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
        return path.size() == 1 && forSigningIn(path.get(0)) && validates(path);
    }

    /** Client authentication in the extended key usage, digital signature in the key usage, not an authority. */
    static boolean forSigningIn(X509Certificate certificate) {
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            boolean[] usages = certificate.getKeyUsage();
            return purposes != null && purposes.contains(CLIENT_AUTH) && usages != null && usages.length > 0 && usages[0]
                    && certificate.getBasicConstraints() < 0;
        } catch (CertificateParsingException e) {
            return false;
        }
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
