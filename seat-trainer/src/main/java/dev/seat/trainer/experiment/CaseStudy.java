package dev.seat.trainer.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.ResponseRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code case-study.md}: a few unknown-entity questions and every method's answer to each, side by
 * side (the paper's Tables 1, 4 and 5), read from the runs' kept answers ({@link KeptAnswers}). The
 * questions are the first {@link #QUESTIONS} of the run's case-study set as asked (the set in its
 * file order, after the seeded {@code --eval-limit} draw); each method's answers are those of its
 * lowest seed that kept answers.
 */
public final class CaseStudy {
    /** Questions shown. */
    public static final int QUESTIONS = 3;

    private CaseStudy() {}

    /**
     * Writes {@code case-study.md} under {@code out}; nothing when no run kept answers.
     *
     * @param runs run records in table order, the base first
     */
    public static void write(Path out, List<JsonNode> runs) {
        Map<String, List<ResponseRecord>> perMethod = new LinkedHashMap<>();
        Map<String, Long> seeds = new LinkedHashMap<>();
        String set = null;
        for (JsonNode r : runs) {
            String s = r.path("answers").path("case_study_set").asText(null);
            String name = Table2Experiment.rowName(r);
            long seed = r.path("seed").asLong();
            if (s == null || (set != null && !set.equals(s)) || (seeds.containsKey(name) && seeds.get(name) <= seed)) {
                continue;
            }
            Optional<List<ResponseRecord>> kept = KeptAnswers.read(out.resolve(r.path("answers").path("dir").asText()), s);
            if (kept.isPresent()) {
                set = s;
                perMethod.put(name, kept.get());
                seeds.put(name, seed);
            }
        }
        if (perMethod.isEmpty()) {
            return;
        }
        List<ResponseRecord> questions = perMethod.values().iterator().next();
        StringBuilder md = new StringBuilder("# Case study: what each method answers about entities it never saw\n\n");
        md.append("The first ").append(Math.min(QUESTIONS, questions.size())).append(" questions of set `").append(set)
                .append("` as asked (its file order after the seeded `--eval-limit` draw); each method's answer is from its")
                .append(" lowest seed, greedy. IDK_SM: 1 when the answer contains an ignorance expression.\n");
        for (int q = 0; q < Math.min(QUESTIONS, questions.size()); q++) {
            ResponseRecord question = questions.get(q);
            md.append("\n## ").append(q + 1).append(". ").append(oneLine(question.prompt())).append("\n\n");
            md.append("| method | answer | IDK_SM |\n|---|---|---|\n");
            perMethod.forEach((name, answers) -> {
                ResponseRecord a = answers.stream().filter(x -> x.id().equals(question.id())).findFirst().orElse(null);
                md.append("| ").append(name).append(" | ").append(a == null ? "(not asked)" : cell(a.response())).append(" | ")
                        .append(a == null || a.metrics() == null || !a.metrics().containsKey("idk_sm") ? "–"
                                : String.valueOf(Math.round(a.metrics().get("idk_sm"))))
                        .append(" |\n");
            });
        }
        AtomicFiles.writeString(out.resolve("case-study.md"), md.toString());
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    /** An answer as one Markdown table cell. */
    private static String cell(String s) {
        String t = oneLine(s).replace("|", "\\|");
        return t.isEmpty() ? "(empty)" : t;
    }
}
