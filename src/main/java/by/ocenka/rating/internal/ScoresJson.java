package by.ocenka.rating.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A questionnaire's scores as PostgreSQL keeps them: a JSON object of criterion code to score, in form order. */
final class ScoresJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScoresJson() {
    }

    static Map<String, Integer> read(String json) {
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Integer>>() { });
    }

    static String write(Map<String, Integer> scores) {
        StringBuilder out = new StringBuilder("{");
        scores.forEach((code, score) -> out.append(out.length() > 1 ? "," : "").append('"').append(code).append("\":").append(score));
        return out.append('}').toString();
    }
}
