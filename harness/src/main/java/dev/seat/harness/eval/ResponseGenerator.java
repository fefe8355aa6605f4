package dev.seat.harness.eval;

import dev.seat.harness.Progress;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.GenerationConfig;
import dev.seat.harness.model.Generator.FinishReason;
import dev.seat.harness.model.Generator;
import dev.seat.harness.results.Digests;
import dev.seat.harness.results.ResponseCache;
import dev.seat.harness.text.ChatFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Produces a model's greedy answers to a question set through the {@link ResponseCache}: read
 * back when the same checkpoint fingerprint, questions, prompt format and decoding settings were
 * generated before; otherwise generated in chunks that are saved as they finish, so an
 * interrupted run resumes. A model whose weights changed in memory is never cached. Shows
 * progress on stderr and counts the answers it actually generated (tests use this to show the
 * cache works).
 */
final class ResponseGenerator {
    /** Chunks of this many batches are saved to the partial cache file as they finish. */
    private static final int BATCHES_PER_CHUNK = 4;

    private final GenerationConfig decoding;
    private final boolean useCache;
    private long generated;

    ResponseGenerator(GenerationConfig decoding, boolean useCache) {
        this.decoding = decoding;
        this.useCache = useCache;
    }

    /** Digest of a prompt format: its description and its rendering of a placeholder question. */
    static String formatSha256(ChatFormat format) {
        return Digests.sha256(format.describe() + "\n" + format.prompt("{question}"));
    }

    /** The response-cache key of this generator's answers of a model to a question set in a format. */
    ResponseCache.Key key(Checkpoint model, QuestionSet set, ChatFormat format) {
        return new ResponseCache.Key(model.fingerprint(), set.name(), set.itemsSha256(), format.describe(),
                formatSha256(format), decoding.withStopStrings(format.stopStrings()).describe());
    }

    /** Answers generated (not read from the cache) by this instance so far. */
    synchronized long generatedCount() {
        return generated;
    }

    synchronized AnswerRun answers(Checkpoint model, ResponseCache cache, QuestionSet set, ChatFormat format,
            Scorers scorers) {
        long start = System.nanoTime();
        GenerationConfig cfg = decoding.withStopStrings(format.stopStrings());
        ResponseCache.Key key = key(model, set, format);
        List<QaItem> items = set.items();
        boolean cached = useCache && !model.weightsChanged();
        if (cached) {
            Optional<List<ResponseCache.Entry>> hit = cache.read(key);
            if (hit.isPresent()) {
                return run(model, set, hit.get(), scorers, AnswerRun.Source.CACHE, key, start);
            }
        }
        List<ResponseCache.Entry> done = new ArrayList<>(cached ? cache.readPartial(key) : List.of());
        if (done.size() > items.size()) {
            done.clear();
        }
        AnswerRun.Source source = done.isEmpty() ? AnswerRun.Source.GENERATED : AnswerRun.Source.RESUMED;
        Generator generator = new Generator(model);
        Progress progress = Progress.start("answers of " + model.name() + " to '" + set.name() + "'", items.size(),
                "answers");
        progress.advance(done.size());
        int chunk = cfg.batchSize() * BATCHES_PER_CHUNK;
        for (int from = done.size(); from < items.size(); from += chunk) {
            List<QaItem> part = items.subList(from, Math.min(items.size(), from + chunk));
            List<long[]> prompts = new ArrayList<>(part.size());
            for (QaItem q : part) {
                prompts.add(model.tokenizer().encode(format.prompt(q.question())));
            }
            List<Generator.Generation> gens = generator.generate(prompts, cfg);
            List<ResponseCache.Entry> entries = new ArrayList<>(part.size());
            for (int i = 0; i < part.size(); i++) {
                Generator.Generation g = gens.get(i);
                entries.add(new ResponseCache.Entry(part.get(i).id(), part.get(i).question(), g.text(), g.finish().name()));
            }
            generated += entries.size();
            done.addAll(entries);
            if (cached) {
                cache.appendPartial(key, items.size(), entries);
            }
            progress.advance(entries.size());
        }
        progress.done();
        if (cached) {
            cache.complete(key, done);
        }
        return run(model, set, done, scorers, source, key, start);
    }

    private static AnswerRun run(Checkpoint model, QuestionSet set, List<ResponseCache.Entry> entries, Scorers scorers,
            AnswerRun.Source source, ResponseCache.Key key, long startNanos) {
        List<QaItem> items = set.items();
        List<Response> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            QaItem q = items.get(i);
            ResponseCache.Entry e = entries.get(i);
            out.add(new Response(i, q.id(), q.question(), e.response() == null ? "" : e.response(), q.answer(),
                    FinishReason.valueOf(e.finish())));
        }
        Answers answers = new Answers(set.name(), model.name(), out, scorers);
        return new AnswerRun(answers, set, source, key, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
