package dev.seat.harness.eval;

import dev.seat.harness.data.QaItem;
import dev.seat.harness.metrics.ActivationDrift;
import dev.seat.harness.metrics.CachedSentenceEmbedder;
import dev.seat.harness.model.ActivationCapture;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.GenerationConfig;
import dev.seat.harness.results.ActivationCache;
import dev.seat.harness.results.ResponseCache;
import dev.seat.harness.text.ChatFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one evaluation path of seat: question sets → answers (greedy, chat-formatted, through the
 * response cache) → metrics. The gate's engine, the experiments, the model card, the collapse check
 * and the commands all ask through an evaluator, so a number with a given name is computed the same
 * way everywhere. Answers are remembered per (checkpoint fingerprint, questions, prompt format) for
 * the evaluator's lifetime, except for models whose weights changed in memory. Closing releases the
 * sentence embedder.
 */
public final class Evaluator implements AutoCloseable {
    private final EvalSettings settings;
    private final Scorers scorers;
    private final ResponseGenerator generator;
    private final Map<String, AnswerRun> memo = new HashMap<>();

    public Evaluator(EvalSettings settings) {
        this.settings = settings;
        this.scorers = new Scorers(settings.scorers(), settings.cache()
                ? Optional.of(CachedSentenceEmbedder.folder(settings.results())) : Optional.empty());
        this.generator = new ResponseGenerator(decoding(settings), settings.cache());
    }

    /** Greedy decoding with the settings' length and batch size (the format adds its stop strings). */
    public static GenerationConfig decoding(EvalSettings settings) {
        return GenerationConfig.greedy(settings.maxNewTokens()).withBatchSize(settings.batchSize());
    }

    public EvalSettings settings() {
        return settings;
    }

    public Scorers scorers() {
        return scorers;
    }

    /** The model's answers in its own chat format. */
    public Answers answers(Checkpoint model, QuestionSet set) {
        return run(model, set, model.chatFormat()).answers();
    }

    /** The model's answers in the given chat format, and how they were obtained. */
    public synchronized AnswerRun run(Checkpoint model, QuestionSet set, ChatFormat format) {
        String memoKey = model.fingerprint() + "|" + set.name() + "|" + set.itemsSha256() + "|" + format.describe();
        AnswerRun known = model.weightsChanged() ? null : memo.get(memoKey);
        if (known != null) {
            return known;
        }
        AnswerRun run = generator.answers(model, ResponseCache.forCheckpoint(settings.results(), model.name()), set,
                format, scorers);
        if (!model.weightsChanged()) {
            memo.put(memoKey, run);
        }
        return run;
    }

    /**
     * The response-cache key under which {@link #run} keeps these answers: whoever produces the
     * answers elsewhere (e.g. one share per machine) stores them under this key, and every later
     * run reads them back.
     */
    public ResponseCache.Key cacheKey(Checkpoint model, QuestionSet set, ChatFormat format) {
        return generator.key(model, set, format);
    }

    /** Answers generated (not read from the cache) so far. */
    public long generatedCount() {
        return generator.generatedCount();
    }

    /**
     * Residual-stream activations at the last prompt token, [prompt][layer][hidden], of the
     * questions of every set in order, in the given chat format; read from the
     * {@link ActivationCache} when these weights, questions, format and batch size were run before
     * (then the weights are not needed), else computed and stored.
     */
    public float[][][] lastTokenActivations(Checkpoint model, List<QuestionSet> sets, ChatFormat format) {
        boolean cached = settings.cache() && !model.weightsChanged();
        ActivationCache cache = ActivationCache.forCheckpoint(settings.results(), model.name());
        ActivationCache.Key key = activationCacheKey(model, sets, format);
        if (cached) {
            Optional<float[][][]> hit = cache.read(key);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        List<long[]> prompts = new ArrayList<>();
        for (QuestionSet set : sets) {
            for (QaItem q : set.items()) {
                prompts.add(model.tokenizer().encode(format.prompt(q.question())));
            }
        }
        float[][][] acts = ActivationCapture.lastToken(model.model(), prompts, model.padId(), settings.batchSize());
        if (cached) {
            cache.write(key, acts);
        }
        return acts;
    }

    /** The activation-cache key under which {@link #lastTokenActivations} keeps these activations. */
    public ActivationCache.Key activationCacheKey(Checkpoint model, List<QuestionSet> sets, ChatFormat format) {
        List<String> setIds = sets.stream().map(s -> s.name() + ":" + s.itemsSha256()).toList();
        return new ActivationCache.Key(model.fingerprint(), setIds, format.describe(), ResponseGenerator.formatSha256(format),
                settings.batchSize(), model.placement());
    }

    /** Activation drift of {@code tuned} from {@code base} on the sets' questions, each model in its own format. */
    public ActivationDrift drift(Checkpoint base, Checkpoint tuned, List<QuestionSet> sets) {
        return ActivationDrift.between(lastTokenActivations(base, sets, base.chatFormat()),
                lastTokenActivations(tuned, sets, tuned.chatFormat()));
    }

    @Override
    public void close() {
        scorers.close();
    }
}
