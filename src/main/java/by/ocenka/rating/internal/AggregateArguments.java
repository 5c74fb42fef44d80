package by.ocenka.rating.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the aggregate scripts take, typed: each record lists its fields in the order the script unpacks them
 * ({@code local organization, … = unpack(ARGV, 1, 9)}), so Java and Lua share one list of names and the order is
 * written down once. Deltas are integers made here: Lua would print {@code sign * 0} as "-0", which HINCRBY refuses.
 */
final class AggregateArguments {

    private AggregateArguments() {
    }

    /**
     * One questionnaire applied to an organisation ({@code agg:{id}}): its deltas, its live event (published only when
     * {@code publish}) and, after the nine fixed fields, one (criterion code, score delta) pair per scored criterion.
     */
    record Organization(long organization, long meanDelta, int satisfiedDelta, int countDelta, boolean publish,
                        String at, String mean, String channel, long questionnaire, Map<String, Integer> scoreDeltas) {

        /** The Lua side of the fixed fields, in this record's order. */
        static final String UNPACK = "local organization, mean_delta, satisfied_delta, count_delta, publish, at, mean, "
                + "channel, questionnaire = unpack(ARGV, 1, 9)";
        /** Where the criterion pairs start. */
        static final int FIRST_SCORE = 10;

        static Organization of(long organizationId, long questionnaireId, long meanMicro, boolean satisfied,
                               Map<String, Integer> scores, int sign, String at, String channel) {
            Map<String, Integer> deltas = new LinkedHashMap<>();
            scores.forEach((code, score) -> deltas.put(code, sign * score));
            return new Organization(organizationId, sign * meanMicro, satisfied ? sign : 0, sign, sign > 0, at,
                    BigDecimal.valueOf(meanMicro, 6).stripTrailingZeros().toPlainString(), channel, questionnaireId, deltas);
        }

        List<String> argv() {
            List<String> argv = new ArrayList<>(FIRST_SCORE - 1 + 2 * scoreDeltas.size());
            argv.add(String.valueOf(organization));
            argv.add(String.valueOf(meanDelta));
            argv.add(String.valueOf(satisfiedDelta));
            argv.add(String.valueOf(countDelta));
            argv.add(publish ? "1" : "0");
            argv.add(at);
            argv.add(mean);
            argv.add(channel);
            argv.add(String.valueOf(questionnaire));
            scoreDeltas.forEach((code, delta) -> {
                argv.add(code);
                argv.add(String.valueOf(delta));
            });
            return argv;
        }
    }

    /** The same questionnaire on the country's totals ({@code agg:global}); {@code priorMean} answers until a re-rank. */
    record Country(int countDelta, long meanDelta, int satisfiedDelta, long priorMeanMicro) {

        static final String UNPACK = "local count_delta, mean_delta, satisfied_delta, prior_mean = unpack(ARGV, 1, 4)";

        List<String> argv() {
            return List.of(String.valueOf(countDelta), String.valueOf(meanDelta), String.valueOf(satisfiedDelta),
                    String.valueOf(priorMeanMicro));
        }
    }
}
