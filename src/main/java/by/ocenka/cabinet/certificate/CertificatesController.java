package by.ocenka.cabinet.certificate;

import java.util.List;
import java.util.Locale;

import by.ocenka.account.AccountCertificates.Registered;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.cabinet.Colleagues;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The certificates the subtree's staff log in with, over HTTP (see {@link Colleagues}). */
@RestController
@Tag(name = "Cabinet")
class CertificatesController {

    /** A colleague and the certificate (PEM) they will log in with. */
    record CertificateRequest(@NotBlank @Email @Size(max = 254) String email,
                              @NotBlank @Size(min = 2, max = 80) String displayName,
                              @NotNull Role role, @NotBlank @Size(max = 20_000) String certificate) {
    }

    private final Colleagues colleagues;

    CertificatesController(Colleagues colleagues) {
        this.colleagues = colleagues;
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/certificates")
    @Operation(summary = "The certificates registered to the subtree's staff (organisation admins)")
    Mono<List<Registered>> list(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return colleagues.certificates(user, id);
    }

    @PostMapping("/api/v1/cabinet/organizations/{id}/certificates")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Registers a colleague's certificate, giving the colleague the role for this organisation")
    @ApiResponse(responseCode = "409", description = "The certificate is registered to someone else")
    Mono<Registered> register(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                              @Valid @RequestBody CertificateRequest request, Locale locale) {
        return colleagues.addWithCertificate(user, id, request.email(), request.displayName(), request.role(),
                request.certificate(), locale);
    }

    @DeleteMapping("/api/v1/cabinet/organizations/{id}/certificates/{fingerprint}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Unregisters a certificate of the subtree's staff (organisation admins)")
    Mono<Void> remove(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable String fingerprint) {
        return colleagues.removeCertificate(user, id, fingerprint);
    }
}
