package by.ocenka.account.certificate;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import by.ocenka.account.AccountCertificates;
import by.ocenka.account.CurrentUser;
import by.ocenka.platform.ApiException;
import by.ocenka.web.PageController;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The account page's certificate buttons: back to the page, saying what happened or why not. */
@PageController
@Hidden
class MyCertificatePages {

    private final CertificateLogin login;
    private final AccountCertificates certificates;

    MyCertificatePages(CertificateLogin login, AccountCertificates certificates) {
        this.login = login;
        this.certificates = certificates;
    }

    @PostMapping("/account/certificates")
    Mono<ResponseEntity<Void>> link(@AuthenticationPrincipal CurrentUser user, ServerWebExchange exchange) {
        if (user == null) {
            return Mono.just(see("/login?next=/account"));
        }
        return login.link(user, exchange.getRequest())
                .thenReturn(see("/account?done=certificate-linked#certificates"))
                .onErrorResume(ApiException.class, e -> Mono.just(see("/account?problem=" + problem(e) + "#certificates")));
    }

    @PostMapping("/account/certificates/{fingerprint}/unlink")
    Mono<ResponseEntity<Void>> unlink(@AuthenticationPrincipal CurrentUser user, @PathVariable String fingerprint) {
        if (user == null) {
            return Mono.just(see("/login?next=/account"));
        }
        return certificates.remove(fingerprint.toLowerCase(Locale.ROOT), List.of(user.id()))
                .thenReturn(see("/account?done=certificate-unlinked#certificates"));
    }

    /** The problem the page names: the refusal's code, or for a certificate at fault, which fault. */
    private static String problem(ApiException e) {
        if (e.fieldErrors().isEmpty()) {
            return e.code();
        }
        return "validation.certificate".equals(e.fieldErrors().get(0).messageKey()) ? "certificate-required"
                : "certificate-untrusted";
    }

    private static ResponseEntity<Void> see(String path) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(path)).build();
    }
}
