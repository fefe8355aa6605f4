package dev.seat.harness.eval;

import dev.seat.harness.model.LanguageModel.LoglikResult;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Digests;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model answered to one benchmark task's requests, on disk next to the response cache
 * ({@code <results>/<checkpoint-name>/cache/benchmark-<task>-<id>.json}), so a second run of the
 * same task on the same weights asks the model nothing.
 *
 * <p>The cache holds the model's raw outputs (log-likelihoods, generations), not the scores:
 * the metrics are recomputed from them on every run, so a fix in scoring never serves stale
 * numbers. Each call also records the digest of its requests, checked on replay (see
 * {@link CachingLanguageModel}). A file that cannot be read, or whose key differs, counts as absent.
 */
public final class BenchmarkCache {
    private static final int FORMAT = 1;

    private final Path dir;

    public BenchmarkCache(Path dir) {
        this.dir = dir;
    }

    /**
     * What makes a task's requests, and so the model's answers, identical.
     *
     * @param fingerprint the model's weights and tokenizer ({@code LanguageModel.fingerprint()})
     * @param task the task name
     * @param promptHash digest of every prompt in document order ({@code TaskResult.promptHash()})
     * @param limit documents evaluated, {@code null} for all
     * @param numFewshot examples per prompt
     */
    record Key(String fingerprint, String task, String promptHash, Integer limit, int numFewshot) {
        /** The first 16 hex digits of the SHA-256 of all fields. */
        String id() {
            return Digests.sha256(String.join("\n", fingerprint, task, promptHash, Objects.toString(limit), Integer.toString(numFewshot)))
                    .substring(0, 16);
        }
    }

    /**
     * One call to the model.
     *
     * @param requestsSha256 digest of the requests as sent
     * @param loglikelihoods the answers of a log-likelihood call, else {@code null}
     * @param generations the answers of a generation call, else {@code null}
     */
    record Call(String requestsSha256, List<LoglikResult> loglikelihoods, List<String> generations) {}

    private record Entry(int seatBenchmarkCache, Key key, List<Call> calls) {}

    Path file(Key key) {
        return dir.resolve("benchmark-" + key.task().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + key.id() + ".json");
    }

    /** The model's calls for the task, if cached intact under this key. */
    Optional<List<Call>> read(Key key) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Entry e = Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), Entry.class);
            return e.seatBenchmarkCache() == FORMAT && key.equals(e.key()) && e.calls() != null
                    ? Optional.of(e.calls()) : Optional.empty();
        } catch (IOException | RuntimeException e) { // torn, hand-edited or from another format: recompute
            return Optional.empty();
        }
    }

    /** Stores the calls atomically, replacing an earlier entry of the key. */
    void write(Key key, List<Call> calls) {
        AtomicFiles.writeString(file(key), Json.compact(new Entry(FORMAT, key, calls)));
    }
}
