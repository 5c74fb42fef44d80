package by.ocenka.account;

import java.util.List;

import by.ocenka.account.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login with a digital-signature certificate for organisation staff ({@code ocenka.cabinet.certificate-login}); never
 * for moderators and the portal's admins.
 *
 * @param enabled      off by default: the login page then offers no certificate login and the endpoint answers 404
 * @param trustAnchors where the certificates of the trusted authorities are (PEM, {@code file:} or {@code classpath:}
 *                     locations); a client certificate must chain up to one of them
 * @param header       the request header in which a trusted reverse proxy forwards the client certificate it verified
 *                     (PEM, URL-encoded as nginx's {@code $ssl_client_escaped_cert}, or base64 DER); believed only
 *                     from {@code ocenka.security.trusted-proxies}
 * @param unpOid       the subject attribute that carries the organisation's UNP in the authority's certificate profile
 * @param unpRole      the role a certificate naming an organisation's UNP gets there on its first login: a responder
 *                     (reads and answers) by default; an admin of the organisation gives more
 */
@ConfigurationProperties("ocenka.cabinet.certificate-login")
public record CertificateLoginProperties(boolean enabled, @DefaultValue List<String> trustAnchors,
                                         @DefaultValue("X-Client-Cert") String header,
                                         @DefaultValue("1.2.112.1.2.1.1.1.1.2") String unpOid,
                                         @DefaultValue("ORG_RESPONDER") Role unpRole) {
}
