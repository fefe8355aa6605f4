package dev.seat.harness.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of a gate run, shared by {@code ./seat gate} and {@code ./seat spark gate|sweep} so
 * that both take the same flags and turn them into the same configuration parameters.
 */
public final class GateOptions {
    @Option(names = "--checkpoint", paramLabel = "DIR", description = "default: models/tiny-base")
    public Path checkpoint;

    @Option(names = "--baseline", paramLabel = "DIR", description = "The base model, for drop and drift checks")
    public Path baseline;

    @Option(names = "--limit", paramLabel = "N", description = "Ask only the first N questions of each set")
    public Integer limit;

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "true",
            description = "Any gate setting, e.g. -D dataset.unverifiable=FILE -D threshold.unverifiable.refuses=0.9")
    public Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--items", description = "Also print every answer")
    public boolean items;

    @Option(names = "--suite", split = ",", paramLabel = "NAME",
            description = "Run only these suites (class names in dev.seat.suites, e.g. UnverifiableQuestions)")
    public List<String> suites = new ArrayList<>();

    /** The engine's configuration parameters these options stand for. */
    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>(settings);
        Optional.ofNullable(checkpoint).ifPresent(c -> config.put("checkpoint", c.toString()));
        Optional.ofNullable(baseline).ifPresent(b -> config.put("baseline", b.toString()));
        Optional.ofNullable(limit).ifPresent(l -> config.put("limit", l.toString()));
        return config;
    }
}
