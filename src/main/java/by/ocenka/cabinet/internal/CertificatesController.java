package by.ocenka.cabinet.internal;

import java.util.List;

import by.ocenka.account.AccountCertificates.Registered;
import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The certificates the subtree's staff linked to their accounts, over HTTP (see {@link Colleagues}): an admin sees and
 * unlinks them; each colleague links their own ({@code /api/v1/me/certificates}).
 */
@RestController
@Tag(name = "Cabinet")
class CertificatesController {

    private final Colleagues colleagues;

    CertificatesController(Colleagues colleagues) {
        this.colleagues = colleagues;
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/certificates")
    @Operation(summary = "The certificates the subtree's staff linked to their accounts (organisation admins)")
    Mono<List<Registered>> list(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Callers.staff(user);
        return colleagues.certificates(user, id);
    }

    @DeleteMapping("/api/v1/cabinet/organizations/{id}/certificates/{fingerprint}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Unlinks a certificate of the subtree's staff (organisation admins)")
    Mono<Void> remove(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable String fingerprint) {
        Callers.staff(user);
        return colleagues.removeCertificate(user, id, fingerprint);
    }
}
