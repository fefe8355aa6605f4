package dev.seat.harness.engine;

import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.GenerationConfig;
import dev.seat.harness.model.Generator;
import dev.seat.harness.model.Generator.FinishReason;
import dev.seat.harness.results.Digests;
import dev.seat.harness.results.ResponseCache;
import dev.seat.harness.text.ChatFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Produces a checkpoint's greedy answers to a question set through the {@link ResponseCache}:
 * read back when the same checkpoint fingerprint, questions, prompt format and decoding settings
 * were generated before; otherwise generated in chunks that are saved as they finish, so an
 * interrupted run resumes. Counts the answers it actually generated (tests use this to show the
 * cache works).
 */
final class ResponseGenerator {
    /** Chunks of this many batches are saved to the partial cache file as they finish. */
    private static final int BATCHES_PER_CHUNK = 4;

    /** How the answers were obtained. */
    enum Source { CACHE, GENERATED, RESUMED }

    /** The answers, and where they came from. */
    record Result(List<Response> responses, Source source, ResponseCache.Key key, long millis) {}

    private final GenerationConfig decoding;
    private final boolean useCache;
    private long generated;

    ResponseGenerator(SeatConfiguration config) {
        this.decoding = GenerationConfig.greedy(config.maxNewTokens()).withBatchSize(config.batchSize());
        this.useCache = config.cacheEnabled();
    }

    /** Decoding settings without format-specific stop strings, for the manifest. */
    GenerationConfig decoding() {
        return decoding;
    }

    /** Answers generated (not read from the cache) by this instance so far. */
    synchronized long generatedCount() {
        return generated;
    }

    /** Digest of a prompt format: its description and its rendering of a placeholder question. */
    static String formatSha256(ChatFormat format) {
        return Digests.sha256(format.describe() + "\n" + format.prompt("{question}"));
    }

    synchronized Result answers(Checkpoint checkpoint, ResponseCache cache, SuiteDataset dataset, ChatFormat format) {
        long start = System.nanoTime();
        GenerationConfig cfg = decoding.withStopStrings(format.stopStrings());
        ResponseCache.Key key = new ResponseCache.Key(checkpoint.fingerprint(), dataset.name(), dataset.itemsSha256(),
                format.describe(), formatSha256(format), cfg.describe());
        List<QaItem> items = dataset.items();
        if (useCache) {
            Optional<List<ResponseCache.Entry>> cached = cache.read(key);
            if (cached.isPresent()) {
                return new Result(toResponses(items, cached.get()), Source.CACHE, key, millisSince(start));
            }
        }
        List<ResponseCache.Entry> done = new ArrayList<>(useCache ? cache.readPartial(key) : List.of());
        if (done.size() > items.size()) {
            done.clear();
        }
        Source source = done.isEmpty() ? Source.GENERATED : Source.RESUMED;
        Generator generator = new Generator(checkpoint);
        int chunk = cfg.batchSize() * BATCHES_PER_CHUNK;
        for (int from = done.size(); from < items.size(); from += chunk) {
            List<QaItem> part = items.subList(from, Math.min(items.size(), from + chunk));
            List<long[]> prompts = new ArrayList<>(part.size());
            for (QaItem q : part) {
                prompts.add(checkpoint.tokenizer().encode(format.prompt(q.question())));
            }
            List<Generator.Generation> gens = generator.generate(prompts, cfg);
            List<ResponseCache.Entry> entries = new ArrayList<>(part.size());
            for (int i = 0; i < part.size(); i++) {
                Generator.Generation g = gens.get(i);
                entries.add(new ResponseCache.Entry(part.get(i).id(), part.get(i).question(), g.text(), g.finish().name()));
            }
            generated += entries.size();
            done.addAll(entries);
            if (useCache) {
                cache.appendPartial(key, items.size(), entries);
            }
        }
        if (useCache) {
            cache.complete(key, done);
        }
        return new Result(toResponses(items, done), source, key, millisSince(start));
    }

    private static List<Response> toResponses(List<QaItem> items, List<ResponseCache.Entry> entries) {
        List<Response> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            QaItem q = items.get(i);
            ResponseCache.Entry e = entries.get(i);
            out.add(new Response(i, q.id(), q.question(), e.response() == null ? "" : e.response(), q.answer(),
                    FinishReason.valueOf(e.finish())));
        }
        return out;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
