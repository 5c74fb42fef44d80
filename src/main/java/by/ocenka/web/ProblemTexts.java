package by.ocenka.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import by.ocenka.platform.ApiException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** The words of a problem in the reader's language, the same for a JSON problem answer and for a page. */
@Component
class ProblemTexts {

    private final MessageSource messages;

    ProblemTexts(MessageSource messages) {
        this.messages = messages;
    }

    ProblemDetail problem(HttpStatusCode status, String code, Locale locale, Object... args) {
        ProblemDetail detail = ProblemDetail.forStatus(status);
        detail.setType(URI.create(ApiException.TYPE_BASE + code));
        String statusTitle = messages.getMessage("problem.status." + status.value(), null,
                HttpStatus.resolve(status.value()) != null ? HttpStatus.valueOf(status.value()).getReasonPhrase()
                        : "Error", locale);
        detail.setTitle(messages.getMessage("problem." + code + ".title", null, statusTitle, locale));
        detail.setDetail(messages.getMessage("problem." + code + ".detail", args, null, locale));
        return detail;
    }

    ProblemDetail problem(ApiException api, Locale locale) {
        return problem(api.status(), api.code(), locale, api.args());
    }

    String text(String key, Object[] args, Locale locale) {
        return messages.getMessage(key, args, key, locale);
    }

    /**
     * Field → message for a form's binding and validation errors, in the form's order of fields. Of a field's several
     * errors the same one always wins: "required" for an empty field (the validator reports an empty name as both
     * blank and too short, in no fixed order), else the first.
     */
    Map<String, String> fieldMessages(org.springframework.validation.BindingResult binding, Locale locale) {
        Map<String, String> result = new LinkedHashMap<>();
        binding.getFieldErrors().stream()
                .sorted(java.util.Comparator.comparing((org.springframework.validation.FieldError e) ->
                        !"NotBlank".equals(e.getCode()) && !"NotNull".equals(e.getCode())))
                .forEach(e -> result.putIfAbsent(e.getField(), messages.getMessage(e, locale)));
        // Back to the order the fields were reported in, so that the summary follows the form.
        Map<String, String> ordered = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(e -> ordered.putIfAbsent(e.getField(), result.get(e.getField())));
        return ordered;
    }

    /** Field → message, in the order the problem names them (the first message of a field wins). */
    Map<String, String> fieldMessages(ApiException api, Locale locale) {
        Map<String, String> result = new LinkedHashMap<>();
        api.fieldErrors().forEach(f -> result.putIfAbsent(f.field(), text(f.messageKey(), f.args(), locale)));
        return result;
    }
}
