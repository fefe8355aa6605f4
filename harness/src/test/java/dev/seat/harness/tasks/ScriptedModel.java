package dev.seat.harness.tasks;

import dev.seat.harness.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A deterministic {@link LanguageModel} for tests: log-likelihoods and generations come from
 * functions of the request; every call is recorded.
 */
final class ScriptedModel implements LanguageModel {
    final List<List<LoglikRequest>> loglikCalls = new ArrayList<>();
    final List<List<GenerationRequest>> generateCalls = new ArrayList<>();
    private final Function<LoglikRequest, Double> scorer;
    private final Function<GenerationRequest, String> generator;

    ScriptedModel(Function<LoglikRequest, Double> scorer, Function<GenerationRequest, String> generator) {
        this.scorer = scorer;
        this.generator = generator;
    }

    /** Scores by a function of the continuation only. */
    static ScriptedModel scoring(Function<String, Double> byContinuation) {
        return new ScriptedModel(r -> byContinuation.apply(r.continuation()), r -> "");
    }

    static ScriptedModel generating(Function<GenerationRequest, String> generator) {
        return new ScriptedModel(r -> 0.0, generator);
    }

    @Override
    public List<LoglikResult> loglikelihood(List<LoglikRequest> requests) {
        loglikCalls.add(List.copyOf(requests));
        return requests.stream()
                .map(r -> new LoglikResult(scorer.apply(r), false, Math.max(1, r.continuation().length() / 4)))
                .toList();
    }

    @Override
    public List<String> generateUntil(List<GenerationRequest> requests) {
        generateCalls.add(List.copyOf(requests));
        return requests.stream().map(generator).toList();
    }

    @Override
    public String fingerprint() {
        return "scripted-test-model";
    }
}
