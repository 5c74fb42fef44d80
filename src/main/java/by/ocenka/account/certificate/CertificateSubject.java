package by.ocenka.account.certificate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

import by.ocenka.account.AccountCertificates;

/** What the portal reads from a client certificate: its fingerprint, the holder's name and address, the UNP. */
record CertificateSubject(AccountCertificates.Certificate certificate, String commonName, String email, String unp) {

    private static final String EMAIL_OID = "1.2.840.113549.1.9.1";

    static CertificateSubject of(X509Certificate leaf, String unpOid) {
        String dn = leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
        String unp = attribute(dn, unpOid);
        String digits = unp == null ? null : unp.replaceAll("\\D", "");
        String email = attribute(dn, EMAIL_OID);
        if (email == null) {
            email = alternativeEmail(leaf);
        }
        String name = attribute(dn, "CN");
        return new CertificateSubject(
                new AccountCertificates.Certificate(fingerprint(leaf), leaf.getSubjectX500Principal().getName(),
                        leaf.getNotAfter().toInstant()),
                name == null || name.isBlank() ? "—" : name.strip(),
                email == null || !email.contains("@") ? null : email.strip(),
                digits != null && digits.length() == 9 ? digits : null);
    }

    /** SHA-256 of the DER encoding, lower-case hex: what {@code openssl x509 -fingerprint -sha256} shows. */
    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An attribute of the subject by keyword (CN) or OID; an OID's value comes DER-encoded ({@code #13…}). */
    private static String attribute(String dn, String type) {
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type)) {
                    return rdn.getValue() instanceof byte[] der ? derString(der) : String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    /** A DER string (UTF8, Printable, Numeric, IA5, BMP) to text; null when it is none of them. */
    private static String derString(byte[] der) {
        if (der.length < 2) {
            return null;
        }
        int length = der[1] & 0xff;
        int offset = 2;
        if (length > 0x80) {
            int bytes = length & 0x7f;
            length = 0;
            for (int i = 0; i < bytes && offset < der.length; i++) {
                length = (length << 8) | (der[offset++] & 0xff);
            }
        }
        if (offset + length > der.length) {
            return null;
        }
        return switch (der[0]) {
            case 0x0C, 0x13, 0x12, 0x16, 0x14 -> new String(der, offset, length,
                    der[0] == 0x0C ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            case 0x1E -> new String(der, offset, length, StandardCharsets.UTF_16BE);
            default -> null;
        };
    }

    private static String alternativeEmail(X509Certificate leaf) {
        try {
            var names = leaf.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (Integer.valueOf(1).equals(name.get(0))) {
                        return String.valueOf(name.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return null;
        }
        return null;
    }
}
