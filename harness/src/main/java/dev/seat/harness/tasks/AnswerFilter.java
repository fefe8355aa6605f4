package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named chain of answer-extraction steps applied to a generation before scoring (lm-eval's
 * {@code filter_list}); its name is the part after the comma in result keys such as
 * {@code "exact_match,strict-match"}. The steps, with lm-eval's semantics:
 * <ul>
 *   <li>{@code regex} ({@code regex_pattern}, {@code group_select} default 0,
 *       {@code fallback} default {@code "[invalid]"}): all non-overlapping matches as Python's
 *       {@code re.findall} lists them (the whole match with no group, group 1 with one group,
 *       else the groups of the match); takes the match at {@code group_select} (negative counts
 *       from the end); of a multi-group match the first non-empty group, else the fallback;
 *       the result is stripped. No match gives the fallback.</li>
 *   <li>{@code remove_whitespace}: strips leading whitespace.</li>
 *   <li>{@code take_first}: the first response of the document (seat generates one).</li>
 * </ul>
 * Patterns are compiled with {@link Pattern#UNIX_LINES} so that {@code .} and {@code $} behave
 * as in Python's {@code re}.
 */
public record AnswerFilter(String name, List<UnaryOperator<String>> steps, JsonNode config) {

    /** lm-eval's {@code "none"} filter: the response unchanged. */
    public static AnswerFilter none() {
        return new AnswerFilter("none", List.of(), null);
    }

    public String apply(String response) {
        String out = response;
        for (UnaryOperator<String> step : steps) {
            out = step.apply(out);
        }
        return out;
    }

    public static AnswerFilter fromJson(JsonNode n, String where) {
        if (!n.hasNonNull("name") || !n.path("filter").isArray()) {
            throw new IllegalArgumentException(where + ": a filter_list entry needs \"name\" and a \"filter\" list, got " + n);
        }
        List<UnaryOperator<String>> steps = new ArrayList<>();
        for (JsonNode step : n.get("filter")) {
            String function = step.path("function").asText("");
            switch (function) {
                case "regex" -> steps.add(regex(step.path("regex_pattern").asText("#### (\\-?[0-9\\.\\,]+)"),
                        step.path("group_select").asInt(0), step.path("fallback").asText("[invalid]")));
                case "remove_whitespace" -> steps.add(PyStrings::lstrip);
                case "take_first" -> steps.add(UnaryOperator.identity());
                default -> throw new IllegalArgumentException(where + ": unknown filter function '" + function
                        + "' (known: regex, remove_whitespace, take_first)");
            }
        }
        return new AnswerFilter(n.get("name").asText(), List.copyOf(steps), n);
    }

    /** The {@code regex} step. */
    public static UnaryOperator<String> regex(String pattern, int groupSelect, String fallback) {
        Pattern p = Pattern.compile(pattern, Pattern.UNIX_LINES);
        return response -> {
            Matcher m = p.matcher(response);
            List<List<String>> matches = new ArrayList<>();
            while (m.find()) {
                List<String> groups = new ArrayList<>();
                if (m.groupCount() == 0) {
                    groups.add(m.group());
                } else {
                    for (int g = 1; g <= m.groupCount(); g++) {
                        groups.add(m.group(g) == null ? "" : m.group(g));
                    }
                }
                matches.add(groups);
            }
            if (matches.isEmpty()) {
                return fallback;
            }
            int index = groupSelect < 0 ? matches.size() + groupSelect : groupSelect;
            if (index < 0 || index >= matches.size()) {
                // Python would raise IndexError here; a response without enough matches counts as no answer
                return fallback;
            }
            List<String> groups = matches.get(index);
            String chosen = groups.stream().filter(s -> !s.isEmpty()).findFirst().orElse(null);
            if (groups.size() == 1) {
                chosen = groups.get(0);
            }
            return chosen == null ? fallback : PyStrings.strip(chosen);
        };
    }
}
