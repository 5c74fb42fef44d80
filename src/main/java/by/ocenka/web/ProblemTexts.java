package by.ocenka.web;

import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import by.ocenka.platform.ApiException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.reactive.result.view.Rendering;

/**
 * The words of a problem in the reader's language, the same for a JSON problem answer and for a page; and a page that
 * says what happened in such words.
 */
@Component
public class ProblemTexts {

    private final MessageSource messages;

    ProblemTexts(MessageSource messages) {
        this.messages = messages;
    }

    public ProblemDetail problem(HttpStatusCode status, String code, Locale locale, Object... args) {
        ProblemDetail detail = ProblemDetail.forStatus(status);
        detail.setType(URI.create(ApiException.TYPE_BASE + code));
        String statusTitle = messages.getMessage("problem.status." + status.value(), null,
                HttpStatus.resolve(status.value()) != null ? HttpStatus.valueOf(status.value()).getReasonPhrase()
                        : "Error", locale);
        detail.setTitle(messages.getMessage("problem." + code + ".title", null, statusTitle, locale));
        detail.setDetail(messages.getMessage("problem." + code + ".detail", args, null, locale));
        return detail;
    }

    public ProblemDetail problem(ApiException api, Locale locale) {
        return problem(api.status(), api.code(), locale, api.args());
    }

    public String text(String key, Object[] args, Locale locale) {
        return messages.getMessage(key, args, key, locale);
    }

    /**
     * Field → message for a form's binding and validation errors, in the form's order of fields. Of a field's several
     * errors the same one always wins: "required" for an empty field (the validator reports an empty name as both
     * blank and too short, in no fixed order), else the first.
     */
    public Map<String, String> fieldMessages(BindingResult binding, Locale locale) {
        Map<String, String> result = new LinkedHashMap<>();
        binding.getFieldErrors().stream()
                .sorted(Comparator.comparing((FieldError e) ->
                        !"NotBlank".equals(e.getCode()) && !"NotNull".equals(e.getCode())))
                .forEach(e -> result.putIfAbsent(e.getField(), messages.getMessage(e, locale)));
        // Back to the order the fields were reported in, so that the summary follows the form.
        Map<String, String> ordered = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(e -> ordered.putIfAbsent(e.getField(), result.get(e.getField())));
        return ordered;
    }

    /** A page saying what happened ({@code message.html}): a heading and a text by their keys, a way on or home. */
    public Rendering.Builder<?> messagePage(String headingKey, String textKey, Locale locale, Object... args) {
        return Rendering.view("message")
                .modelAttribute("heading", text(headingKey, new Object[0], locale))
                .modelAttribute("text", text(textKey, args, locale))
                .modelAttribute("next", null);
    }

    /** A problem as one line on a page: its detail, then what is wrong with each field. */
    public String sentence(ApiException api, Locale locale) {
        String detail = problem(api, locale).getDetail();
        Map<String, String> fields = fieldMessages(api, locale);
        return fields.isEmpty() ? detail : detail + " " + String.join("; ", fields.values());
    }

    /** Field → message, in the order the problem names them (the first message of a field wins). */
    public Map<String, String> fieldMessages(ApiException api, Locale locale) {
        Map<String, String> result = new LinkedHashMap<>();
        api.fieldErrors().forEach(f -> result.putIfAbsent(f.field(), text(f.messageKey(), f.args(), locale)));
        return result;
    }
}
