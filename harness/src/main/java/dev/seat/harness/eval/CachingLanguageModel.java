package dev.seat.harness.eval;

import dev.seat.harness.model.LanguageModel;
import dev.seat.harness.results.Digests;
import dev.seat.harness.results.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LanguageModel} for one task evaluation that replays the calls found in the
 * {@link BenchmarkCache} and asks the real model only for what is not there. A call is replayed
 * when it is the next cached call, of the same kind, with the same requests (by digest); from the
 * first call that differs on, every call goes to the model. {@link #calls()} is what to cache
 * afterwards, unless {@link #replayedAll()}.
 */
final class CachingLanguageModel implements LanguageModel {
    private final LanguageModel model;
    private final List<BenchmarkCache.Call> cached;
    private final List<BenchmarkCache.Call> calls = new ArrayList<>();
    private boolean replaying = true;

    /**
     * @param model the model that answers what the cache cannot
     * @param cached the calls to replay, in order (empty: none)
     */
    CachingLanguageModel(LanguageModel model, List<BenchmarkCache.Call> cached) {
        this.model = model;
        this.cached = cached;
    }

    @Override
    public List<LoglikResult> loglikelihood(List<LoglikRequest> requests) {
        String digest = Digests.sha256(Json.compact(requests));
        BenchmarkCache.Call next = next(digest);
        if (next != null && next.loglikelihoods() != null && next.loglikelihoods().size() == requests.size()) {
            calls.add(next);
            return next.loglikelihoods();
        }
        replaying = false;
        List<LoglikResult> out = model.loglikelihood(requests);
        calls.add(new BenchmarkCache.Call(digest, List.copyOf(out), null));
        return out;
    }

    @Override
    public List<String> generateUntil(List<GenerationRequest> requests) {
        String digest = Digests.sha256(Json.compact(requests));
        BenchmarkCache.Call next = next(digest);
        if (next != null && next.generations() != null && next.generations().size() == requests.size()) {
            calls.add(next);
            return next.generations();
        }
        replaying = false;
        List<String> out = model.generateUntil(requests);
        calls.add(new BenchmarkCache.Call(digest, null, List.copyOf(out)));
        return out;
    }

    @Override
    public String fingerprint() {
        return model.fingerprint();
    }

    /**
     * Whether every call came from the cache and the cache held no other calls: nothing was
     * computed and the cached entry is exactly this evaluation's.
     */
    boolean replayedAll() {
        return replaying && calls.size() == cached.size();
    }

    /** Every call of the evaluation, replayed or computed, in order. */
    List<BenchmarkCache.Call> calls() {
        return List.copyOf(calls);
    }

    /** The cached call to replay for these requests, or null. */
    private BenchmarkCache.Call next(String digest) {
        if (!replaying || calls.size() >= cached.size()) {
            return null;
        }
        BenchmarkCache.Call c = cached.get(calls.size());
        return c.requestsSha256().equals(digest) ? c : null;
    }
}
