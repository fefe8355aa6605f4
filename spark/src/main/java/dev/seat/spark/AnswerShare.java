package dev.seat.spark;

import dev.seat.harness.data.QaItem;
import dev.seat.harness.engine.GatePlan;
import dev.seat.harness.eval.QuestionSet;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One Spark task of the gate: a model's answers to the questions {@code [from, to)} of one
 * question set. The whole set travels with the share, because the answers are stored under the
 * whole set's response-cache key; a share starts and ends on a batch boundary, so every batch is
 * the one a local run generates and the answers are byte-equal to it.
 *
 * @param modelDir the checkpoint (or baseline) folder, on storage every executor reads
 * @param device {@code cpu}, {@code gpu}, {@code gpu:1}
 * @param items the whole question set, as asked
 * @param chatFormat the prompt format's name, or null for the model's own
 */
public record AnswerShare(String modelDir, String device, String setName, String setSource, String fileSha256,
        List<QaItem> items, String itemsSha256, String chatFormat, int from, int to, int maxNewTokens, int batchSize)
        implements Serializable {

    public AnswerShare {
        items = List.copyOf(items);
        if (from < 0 || to > items.size() || from >= to) {
            throw new IllegalArgumentException("Share [" + from + ", " + to + ") of '" + setName + "' is outside its "
                    + items.size() + " questions");
        }
    }

    /** The whole question set, as the gate asks it. */
    public QuestionSet set() {
        return new QuestionSet(setName, setSource, fileSha256, items, itemsSha256);
    }

    /** This share's questions. */
    public QuestionSet slice() {
        return QuestionSet.of(setName, setSource, items.subList(from, to));
    }

    /**
     * The shares of a gate plan: each set cut into at most {@code perSet} runs of whole batches
     * (the last batch of a set may be short, as locally).
     */
    public static List<AnswerShare> of(GatePlan plan, int perSet) {
        if (perSet <= 0) {
            throw new IllegalArgumentException("shares per question set must be positive, got " + perSet);
        }
        int batch = plan.settings().batchSize();
        List<AnswerShare> out = new ArrayList<>();
        for (GatePlan.Ask ask : plan.asks()) {
            Path dir = ask.baseline() ? plan.baseline().orElseThrow() : plan.checkpoint();
            QuestionSet set = ask.set();
            int batches = (set.size() + batch - 1) / batch;
            int shares = Math.min(perSet, batches);
            for (int s = 0; s < shares; s++) {
                int from = Math.min(set.size(), (int) ((long) batches * s / shares) * batch);
                int to = Math.min(set.size(), (int) ((long) batches * (s + 1) / shares) * batch);
                out.add(new AnswerShare(dir.toAbsolutePath().normalize().toString(), plan.device(), set.name(),
                        set.source(), set.fileSha256(), set.items(), set.itemsSha256(), ask.chatFormat().orElse(null),
                        from, to, plan.settings().maxNewTokens(), batch));
            }
        }
        return out;
    }
}
