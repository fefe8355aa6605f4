package dev.seat.spark;

import dev.seat.harness.eval.Answers;
import dev.seat.harness.eval.EvalSettings;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.eval.QuestionSet;
import dev.seat.harness.eval.Response;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.ResponseCache;
import dev.seat.harness.text.ChatFormat;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * The executor side of the gate: answers one {@link AnswerShare} through the same
 * {@link Evaluator} a local run uses (greedy, chat-formatted, the same batch size and length), with
 * the model of this JVM ({@link ExecutorModels}). Answers of one model are generated one share at
 * a time per JVM (libtorch already uses every core for one batch); give executors one core each, or
 * more executors, for parallelism. Nothing is written here: the driver stores what the successful
 * attempts return, so a retried task can never duplicate or half-write an answer.
 */
final class ShareTask implements Function<AnswerShare, AnsweredShare> {
    private static final long serialVersionUID = 1L;

    private final boolean failFirstAttempt;

    /**
     * @param failFirstAttempt fault injection for tests: every task's first attempt throws after
     *     generating its answers, as if its executor died before reporting them
     */
    ShareTask(boolean failFirstAttempt) {
        this.failFirstAttempt = failFirstAttempt;
    }

    @Override
    public AnsweredShare call(AnswerShare share) {
        ExecutorModels.Loaded loaded = ExecutorModels.get(share.modelDir(), share.device());
        if (loaded.error() != null) {
            return AnsweredShare.loadFailure(loaded.error());
        }
        Checkpoint model = loaded.model();
        EvalSettings settings = EvalSettings.defaults().withCache(false).withBatchSize(share.batchSize())
                .withMaxNewTokens(share.maxNewTokens());
        ChatFormat format = share.chatFormat() == null ? model.chatFormat()
                : ChatFormat.forCheckpoint(model.dir(), share.chatFormat()); // the gate's rule (SeatRun.format)
        ResponseCache.Key key;
        List<ResponseCache.Entry> entries = new ArrayList<>();
        try (Evaluator evaluator = new Evaluator(settings)) {
            key = evaluator.cacheKey(model, share.set(), format);
            QuestionSet slice = share.slice();
            Answers answers;
            synchronized (model) {
                answers = evaluator.run(model, slice, format).answers();
            }
            for (Response r : answers) {
                entries.add(new ResponseCache.Entry(r.id(), r.question(), r.response(), r.finish().name()));
            }
        }
        TaskContext task = TaskContext.get();
        if (failFirstAttempt && task != null && task.attemptNumber() == 0) {
            throw new IllegalStateException("injected failure of the first attempt of share [" + share.from() + ", "
                    + share.to() + ") of '" + share.setName() + "'");
        }
        return new AnsweredShare(key, model.name(), share.items().size(), share.from(), entries, null);
    }
}
