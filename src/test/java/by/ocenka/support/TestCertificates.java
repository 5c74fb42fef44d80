package by.ocenka.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import by.ocenka.platform.Digests;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for the test run (EC P-256), trusted by the portal under test, and client and server
 * certificates it issues (RSA or EC), as PEM. Also strangers: self-signed certificates nobody trusts.
 */
public final class TestCertificates {

    /** The subject attribute that carries the UNP (the portal's default {@code unp-oid}). */
    public static final String UNP_OID = "1.2.112.1.2.1.1.1.1.2";

    /** A certificate with its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {

        public String pem() {
            return TestCertificates.pem("CERTIFICATE", encoded());
        }

        /** As nginx forwards it in {@code $ssl_client_escaped_cert}. */
        public String escapedPem() {
            return URLEncoder.encode(pem(), StandardCharsets.UTF_8).replace("+", "%20");
        }

        /** The SHA-256 of the DER encoding, lower-case hex: what the portal knows a certificate by. */
        public String fingerprint() {
            return HexFormat.of().formatHex(Digests.sha256(encoded()));
        }

        public String keyPem() {
            return TestCertificates.pem("PRIVATE KEY", key.getEncoded());
        }

        private byte[] encoded() {
            try {
                return certificate.getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static Issued authority;
    private static Path authorityFile;

    private TestCertificates() {
    }

    /** The authority the portal under test trusts (made once per run). */
    public static synchronized Issued authority() {
        if (authority == null) {
            KeyPair keys = keys("EC");
            X500Name name = new X500Name("CN=Ocenka Test CA, O=Ocenka tests, C=BY");
            authority = sign(name, keys, name, keys.getPrivate(), Instant.now().minus(Duration.ofDays(1)),
                    Duration.ofDays(30), true, null);
        }
        return authority;
    }

    /** The authority's certificate as a PEM file (what {@code trust-anchors} names). */
    public static synchronized Path authorityFile() {
        if (authorityFile == null) {
            try {
                authorityFile = Files.createTempFile("ocenka-test-ca", ".pem");
                authorityFile.toFile().deleteOnExit();
                Files.writeString(authorityFile, authority().pem());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return authorityFile;
    }

    /** A client certificate from the test authority: the holder's name, optionally an address and a UNP. */
    public static Issued client(String algorithm, String commonName, String email, String unp) {
        return client(algorithm, commonName, email, unp, Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(365));
    }

    public static Issued client(String algorithm, String commonName, String email, String unp, Instant from, Duration validity) {
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "BY").addRDN(BCStyle.CN, commonName);
        if (unp != null) {
            subject.addRDN(new ASN1ObjectIdentifier(UNP_OID), new DERPrintableString(unp));
        }
        Issued ca = authority();
        return sign(subject.build(), keys(algorithm), X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                ca.key(), from, validity, false, email);
    }

    /** What a test certificate is made for: its key usages, its extended key usages, whether it is an authority. */
    public record Purpose(int keyUsage, KeyPurposeId[] extended, boolean authority) {

        /** A client's, as an authority issues them for signing in. */
        public static final Purpose SIGNING_IN = new Purpose(KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                new KeyPurposeId[]{KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}, false);
        /** A web server's only. */
        public static final Purpose SERVER_ONLY = new Purpose(KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth}, false);
        /** For encryption only: no digital signature. */
        public static final Purpose NO_SIGNATURE = new Purpose(KeyUsage.keyEncipherment,
                new KeyPurposeId[]{KeyPurposeId.id_kp_clientAuth}, false);
        /** An authority below the test authority (an intermediate). */
        public static final Purpose AUTHORITY = new Purpose(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature,
                new KeyPurposeId[]{KeyPurposeId.id_kp_clientAuth}, true);
    }

    /** A certificate the given issuer (the test authority, or one it issued) makes for this purpose. */
    public static Issued issued(Issued issuer, String commonName, Purpose purpose) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "BY").addRDN(BCStyle.CN, commonName).build();
        return sign(subject, keys("EC"), X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                issuer.key(), Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(30), purpose, null);
    }

    /** A self-signed certificate that no configured authority vouches for. */
    public static Issued stranger(String commonName, String unp) {
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName);
        if (unp != null) {
            subject.addRDN(new ASN1ObjectIdentifier(UNP_OID), new DERPrintableString(unp));
        }
        KeyPair keys = keys("EC");
        X500Name name = subject.build();
        return sign(name, keys, name, keys.getPrivate(), Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(30), false, null);
    }

    /** A server certificate for localhost from the test authority (for an HTTPS port). */
    public static Issued server() {
        Issued ca = authority();
        return sign(new X500Name("CN=localhost"), keys("EC"), X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                ca.key(), Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(2), false, null);
    }

    public static Path write(String prefix, String content) {
        try {
            Path file = Files.createTempFile(prefix, ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Issued sign(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey, Instant from,
                               Duration validity, boolean authority, String email) {
        return sign(subject, keys, issuer, issuerKey, from, validity, authority
                ? new Purpose(KeyUsage.keyCertSign | KeyUsage.cRLSign, null, true) : Purpose.SIGNING_IN, email);
    }

    private static Issued sign(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey, Instant from,
                               Duration validity, Purpose purpose, String email) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(from.plus(validity)),
                    subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(purpose.authority()));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(purpose.keyUsage()));
            if (purpose.extended() != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose.extended()));
            }
            if (!purpose.authority()) {
                GeneralNames names = email != null ? new GeneralNames(new GeneralName(GeneralName.rfc822Name, email))
                        : new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost"));
                builder.addExtension(Extension.subjectAlternativeName, false, names);
            }
            String signature = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(issuerKey)));
            return new Issued(certificate, keys.getPrivate());
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
