package by.ocenka.account.certificate;

import java.util.List;
import java.util.Locale;

import by.ocenka.account.AccountCertificates.Registered;
import by.ocenka.account.AccountCertificates;
import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.platform.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The signed-in user's own digital-signature certificates: linked by the holder, over the certificate's own connection. */
@RestController
@Tag(name = "Accounts")
class MyCertificatesController {

    private final CertificateLogin login;
    private final AccountCertificates certificates;

    MyCertificatesController(CertificateLogin login, AccountCertificates certificates) {
        this.login = login;
        this.certificates = certificates;
    }

    @GetMapping("/api/v1/me/certificates")
    @Operation(summary = "The certificates linked to the signed-in account")
    Mono<List<Registered>> mine(@AuthenticationPrincipal CurrentUser user) {
        return certificates.ofUsers(List.of(Callers.signedIn(user).id()));
    }

    @PostMapping("/api/v1/me/certificates")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Links the client certificate this connection presents (mutual TLS, or a trusted proxy's header) to "
            + "the signed-in account: the holder proves the key by the handshake")
    @ApiResponse(responseCode = "400", description = "No client certificate, or not one a trusted authority issued for signing in")
    @ApiResponse(responseCode = "403", description = "Moderators and admins do not sign in with certificates")
    @ApiResponse(responseCode = "409", description = "The certificate is linked to another account")
    Mono<AccountCertificates.Certificate> link(@AuthenticationPrincipal CurrentUser user, ServerWebExchange exchange) {
        return login.link(Callers.signedIn(user), exchange.getRequest());
    }

    @DeleteMapping("/api/v1/me/certificates/{fingerprint}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Unlinks one of the signed-in account's certificates")
    Mono<Void> unlink(@AuthenticationPrincipal CurrentUser user, @PathVariable String fingerprint) {
        long id = Callers.signedIn(user).id();
        return certificates.remove(fingerprint.toLowerCase(Locale.ROOT), List.of(id))
                .flatMap(removed -> removed ? Mono.<Void>empty()
                        : Mono.error(ApiException.notFound("certificate-not-found", fingerprint)));
    }
}
