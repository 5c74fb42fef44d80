package by.ocenka.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import by.ocenka.platform.ApiException.FieldProblem;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The details an organisation keeps about itself in its cabinet (the Instruction's "сведения об организации"): how to
 * reach it, when it is open, a short description and the services and administrative procedures citizens pick on the
 * form. Its name, UNP and parent are the moderators' to change, on request.
 */
public record OrganizationProfile(String address, @Schema(nullable = true) String phone,
                                  @Schema(nullable = true) String email, @Schema(nullable = true) String site,
                                  @Schema(nullable = true, example = "пн–пт 8:00–17:00, обед 13:00–14:00") String hours,
                                  @Schema(nullable = true) String description, List<Service> services) {

    public static final int MAX_SERVICES = 200;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /**
     * A service or administrative procedure the organisation offers: its name in Russian (Belarusian and English
     * optional); {@code id} when it is one the organisation had, so that past questionnaires keep pointing at it.
     */
    @Schema(name = "OrganizationService")
    public record Service(@Schema(nullable = true) Long id,
                          @Schema(example = "{\"ru\": \"Выдача справки о месте жительства\"}") Map<String, String> name,
                          @Schema(description = "An administrative procedure (from the official list), not just a service")
                          boolean procedure) {
    }

    /** The profile as written: blanks are nothing, spaces trimmed. */
    public OrganizationProfile normalized() {
        List<Service> cleaned = services == null ? List.of() : services.stream()
                .map(s -> new Service(s.id(), names(s.name()), s.procedure()))
                .toList();
        return new OrganizationProfile(orEmpty(address), blankToNull(phone), blankToNull(email), blankToNull(site),
                blankToNull(hours), blankToNull(description), cleaned);
    }

    /** What is wrong with a normalised profile, field by field (empty when it may be kept). */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (address.length() < 5 || address.length() > 300) {
            problems.add(new FieldProblem("address", "validation.range", 5, 300));
        }
        if (phone != null && (phone.length() > 64 || !phone.matches("[0-9+()\\-\\s,;.доб]*[0-9][0-9+()\\-\\s,;.доб]*"))) {
            problems.add(new FieldProblem("phone", "validation.phone"));
        }
        if (email != null && (email.length() > 120 || !EMAIL.matcher(email).matches())) {
            problems.add(new FieldProblem("email", "validation.email"));
        }
        if (site != null && (site.length() > 200 || !NewOrganization.isWebAddress(site))) {
            problems.add(new FieldProblem("site", "validation.site"));
        }
        if (hours != null && hours.length() > 200) {
            problems.add(new FieldProblem("hours", "validation.tooLong", 200));
        }
        if (description != null && description.length() > 1000) {
            problems.add(new FieldProblem("description", "validation.tooLong", 1000));
        }
        if (services.size() > MAX_SERVICES) {
            problems.add(new FieldProblem("services", "validation.services.many", MAX_SERVICES));
        }
        for (int i = 0; i < services.size(); i++) {
            Map<String, String> name = services.get(i).name();
            String ru = name.getOrDefault("ru", "");
            if (ru.length() < 2 || name.values().stream().anyMatch(n -> n.length() > 200)) {
                problems.add(new FieldProblem("services[" + i + "].name.ru", "validation.service.name"));
            }
        }
        return problems;
    }

    /** The names given (Russian always, empty when missing), the languages left blank left out. */
    private static Map<String, String> names(Map<String, String> given) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("ru", orEmpty(given == null ? null : given.get("ru")));
        for (String language : List.of("be", "en")) {
            String name = given == null ? null : blankToNull(given.get(language));
            if (name != null) {
                names.put(language, name);
            }
        }
        return Map.copyOf(names);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text.strip();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
