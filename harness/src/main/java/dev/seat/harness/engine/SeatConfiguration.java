package dev.seat.harness.engine;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.eval.EvalSettings;
import dev.seat.harness.hub.Hub;
import dev.seat.harness.hub.HubException;
import dev.seat.harness.hub.HubFile;
import dev.seat.harness.hub.HubId;
import dev.seat.harness.eval.ScorerSettings;
import dev.seat.harness.metrics.Pooling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The seat engine's settings, read from JUnit configuration parameters (which fall back to
 * system properties and {@code junit-platform.properties}, so {@code mvn test -Dcheckpoint=DIR}
 * works):
 *
 * <table>
 *   <caption>configuration parameters</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code checkpoint}</td><td>{@code models/tiny-base}</td><td>Hugging Face folder under test</td></tr>
 *   <tr><td>{@code baseline}</td><td>none</td><td>base model folder for {@link Baseline} and drift checks</td></tr>
 *   <tr><td>{@code limit}</td><td>none</td><td>ask at most this many questions per dataset</td></tr>
 *   <tr><td>{@code batchSize}</td><td>16</td><td>sequences generated together</td></tr>
 *   <tr><td>{@code maxNewTokens}</td><td>48</td><td>greedy decoding length limit</td></tr>
 *   <tr><td>{@code results}</td><td>{@code <repo>/results}</td><td>where run folders and the response cache go</td></tr>
 *   <tr><td>{@code device}</td><td>{@code cpu}</td><td>{@code cpu}, {@code gpu}, {@code gpu:1}</td></tr>
 *   <tr><td>{@code chatFormat}</td><td>per suite / checkpoint</td><td>force a prompt format: a built-in layout (chatml, llama3, inst, plain) or template:NAME (a named template of the checkpoint)</td></tr>
 *   <tr><td>{@code dataset.<name>}</td><td>the suite's built-in set</td><td>question file of a suite's dataset</td></tr>
 *   <tr><td>{@code threshold.<suite>.<check>[.<name>]}</td><td>the check's {@link Threshold}</td><td>pass/fail threshold</td></tr>
 *   <tr><td>{@code idk.phrases}</td><td>bundled list</td><td>IDK_SM phrase file replacing the bundled list</td></tr>
 *   <tr><td>{@code idk.references}</td><td>bundled list</td><td>IDK_CS reference phrases (e.g. LUNAR's idontknow.json)</td></tr>
 *   <tr><td>{@code embedder}</td><td>bge-small-en-v1.5</td><td>ONNX sentence-embedding folder for IDK_CS</td></tr>
 *   <tr><td>{@code embedder.pooling}</td><td>{@code cls}</td><td>pooling of that folder's model ({@code cls}, {@code mean})</td></tr>
 *   <tr><td>{@code cache}</td><td>{@code true}</td><td>{@code false} regenerates instead of reading cached responses</td></tr>
 *   <tr><td>{@code runId}</td><td>UTC timestamp</td><td>name of the run folder</td></tr>
 *   <tr><td>{@code benchmarks}</td><td>none: benchmark suites are skipped</td><td>task or group names of
 *       {@link BenchmarkSuite}s to run, comma-separated, or {@code all} (see {@link BenchmarkSelection})</td></tr>
 *   <tr><td>{@code benchmarks.data}</td><td>{@code ../shared/datasets/benchmarks}</td><td>folder of the benchmark data files</td></tr>
 *   <tr><td>{@code benchmarks.tasks}</td><td>none</td><td>extra task files (JSON, comma-separated) whose tasks suites may name</td></tr>
 *   <tr><td>{@code pca.layer}</td><td>{@code -1} (the last)</td><td>residual-stream position of the known/unknown
 *       separation and its PCA figure: 0 = embedding output, l + 1 = after layer l, negative counts from the end</td></tr>
 *   <tr><td>{@code report}</td><td>{@code true}</td><td>{@code false}: no {@code report.html} in the run folder</td></tr>
 *   <tr><td>{@code benchmarks.numFewshot}</td><td>the suite's, else each task's</td><td>few-shot examples per prompt</td></tr>
 * </table>
 *
 * Relative paths are resolved against the working directory if they exist there, else against
 * the repository root (Surefire runs a module's tests in the module folder, while users write
 * paths from the root). Invalid values raise {@link SeatConfigurationException} naming the key.
 */
final class SeatConfiguration {
    public static final String CHECKPOINT = "checkpoint";
    public static final String BASELINE = "baseline";
    public static final String LIMIT = "limit";
    public static final String BATCH_SIZE = "batchSize";
    public static final String MAX_NEW_TOKENS = "maxNewTokens";
    public static final String RESULTS = "results";
    public static final String DEVICE = "device";
    public static final String CHAT_FORMAT = "chatFormat";
    public static final String DATASET_PREFIX = "dataset.";
    public static final String THRESHOLD_PREFIX = "threshold.";
    public static final String IDK_PHRASES = "idk.phrases";
    public static final String IDK_REFERENCES = "idk.references";
    public static final String EMBEDDER = "embedder";
    public static final String EMBEDDER_POOLING = "embedder.pooling";
    public static final String CACHE = "cache";
    public static final String RUN_ID = "runId";
    public static final String BENCHMARKS = "benchmarks";
    public static final String BENCHMARKS_DATA = "benchmarks.data";
    public static final String BENCHMARKS_TASKS = "benchmarks.tasks";
    public static final String BENCHMARKS_NUM_FEWSHOT = "benchmarks.numFewshot";
    public static final String PCA_LAYER = "pca.layer";
    public static final String REPORT = "report";

    public static final int DEFAULT_BATCH_SIZE = EvalSettings.DEFAULT_BATCH_SIZE;
    public static final int DEFAULT_MAX_NEW_TOKENS = EvalSettings.DEFAULT_MAX_NEW_TOKENS;

    private final ConfigurationParameters parameters;
    /** Checkpoint parameters already resolved, so a Hub id is looked up once. */
    private final Map<String, Path> checkpoints = new ConcurrentHashMap<>();

    public SeatConfiguration(ConfigurationParameters parameters) {
        this.parameters = parameters;
    }

    /** A parameter's value, blank values counting as unset. */
    public Optional<String> get(String key) {
        return parameters.get(key).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The checkpoint folder (not checked for existence). */
    public Path checkpoint() {
        return get(CHECKPOINT).map(v -> checkpointPath(CHECKPOINT, v)).orElseGet(RepoPaths::defaultCheckpoint);
    }

    /** Whether {@code checkpoint} was configured (otherwise the embedded default is used). */
    public boolean checkpointConfigured() {
        return get(CHECKPOINT).isPresent();
    }

    public Optional<Path> baseline() {
        return get(BASELINE).map(v -> checkpointPath(BASELINE, v));
    }

    /**
     * A checkpoint parameter's folder: a local path (from the working directory, then the
     * repository root) when it exists, else a Hub id {@code org/name[@revision]}'s snapshot in the
     * Hugging Face cache (fetched when missing), else the path for the caller's "not found".
     */
    private Path checkpointPath(String key, String value) {
        return checkpoints.computeIfAbsent(value, v -> {
            Path local = resolvePath(v);
            if (Files.exists(local) || !HubId.looksLikeId(v)) {
                return local;
            }
            try {
                return Hub.fromEnvironment().checkpoint(v);
            } catch (HubException e) {
                throw new SeatConfigurationException(key + " '" + v + "' is no local folder, and as a Hub id: " + e.getMessage(), e);
            }
        });
    }

    public Optional<Integer> limit() {
        return get(LIMIT).map(v -> positiveInt(LIMIT, v));
    }

    public int batchSize() {
        return get(BATCH_SIZE).map(v -> positiveInt(BATCH_SIZE, v)).orElse(DEFAULT_BATCH_SIZE);
    }

    public int maxNewTokens() {
        return get(MAX_NEW_TOKENS).map(v -> positiveInt(MAX_NEW_TOKENS, v)).orElse(DEFAULT_MAX_NEW_TOKENS);
    }

    public Path results() {
        return get(RESULTS).map(SeatConfiguration::resolvePath).orElseGet(() -> RepoPaths.root().resolve("results"));
    }

    public String device() {
        return get(DEVICE).orElse("cpu");
    }

    /** The residual-stream position of the separation check and Figure 1 (negative: from the end). */
    public int pcaLayer() {
        return get(PCA_LAYER).map(v -> {
            try {
                return Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw new SeatConfigurationException("Configuration parameter '" + PCA_LAYER
                        + "' must be a whole number (0 = embedding output, -1 = last layer), found '" + v + "'");
            }
        }).orElse(-1);
    }

    /** Whether the run writes {@code report.html} into its folder. */
    public boolean reportEnabled() {
        return get(REPORT).map(v -> bool(REPORT, v)).orElse(true);
    }

    public Optional<String> chatFormat() {
        return get(CHAT_FORMAT);
    }

    /** The configured question file of a dataset, if any. */
    public Optional<Path> dataset(String name) {
        return get(DATASET_PREFIX + name).map(v -> {
            if (!HubFile.isHubFile(v)) {
                return resolvePath(v);
            }
            try {
                return Hub.fromEnvironment().dataFile(v);
            } catch (HubException | IllegalArgumentException e) {
                throw new SeatConfigurationException(DATASET_PREFIX + name + " '" + v + "': " + e.getMessage(), e);
            }
        });
    }

    /** A configured threshold, if the key is set; a value that is not a number is an error. */
    public Optional<Double> threshold(String key) {
        return get(key).map(v -> {
            try {
                double d = Double.parseDouble(v);
                if (Double.isNaN(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new SeatConfigurationException("Configuration parameter '" + key + "' must be a number, found '"
                        + v + "'");
            }
        });
    }

    public Optional<Path> idkPhrases() {
        return get(IDK_PHRASES).map(SeatConfiguration::resolvePath);
    }

    public Optional<Path> idkReferences() {
        return get(IDK_REFERENCES).map(SeatConfiguration::resolvePath);
    }

    public Optional<Path> embedder() {
        return get(EMBEDDER).map(SeatConfiguration::resolvePath);
    }

    public String embedderPooling() {
        return get(EMBEDDER_POOLING).orElse("cls");
    }

    /** The evaluation settings these parameters describe (a pooling name that is not one is an error). */
    public EvalSettings evalSettings() {
        Pooling pooling;
        try {
            pooling = Pooling.parse(embedderPooling());
        } catch (IllegalArgumentException e) {
            throw new SeatConfigurationException("Configuration parameter '" + EMBEDDER_POOLING + "': " + e.getMessage());
        }
        return new EvalSettings(results(), maxNewTokens(), batchSize(), cacheEnabled(),
                new ScorerSettings(idkPhrases(), idkReferences(), embedder(), pooling));
    }

    public boolean cacheEnabled() {
        return get(CACHE).map(v -> bool(CACHE, v)).orElse(true);
    }

    private static boolean bool(String key, String v) {
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new SeatConfigurationException("Configuration parameter '" + key + "' must be true or false, found '"
                    + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    public Optional<String> runId() {
        return get(RUN_ID).map(v -> {
            if (!v.matches("[A-Za-z0-9._-]+")) {
                throw new SeatConfigurationException("Configuration parameter '" + RUN_ID
                        + "' may hold letters, digits, '.', '_' and '-' only, found '" + v + "'");
            }
            return v;
        });
    }

    /** The {@code benchmarks} list, names trimmed and empty entries dropped; empty when not set. */
    public Optional<List<String>> benchmarks() {
        return get(BENCHMARKS).map(SeatConfiguration::list);
    }

    /** The benchmark data folder, if configured (it must exist). */
    public Optional<Path> benchmarksData() {
        return get(BENCHMARKS_DATA).map(v -> {
            Path dir = resolvePath(v);
            if (!Files.isDirectory(dir)) {
                throw new SeatConfigurationException("Benchmark data folder " + dir + " not found (configuration parameter '"
                        + BENCHMARKS_DATA + "')");
            }
            return dir;
        });
    }

    /** Extra task files whose tasks and groups benchmark suites may name (each must exist). */
    public List<Path> benchmarkTaskFiles() {
        return get(BENCHMARKS_TASKS).map(SeatConfiguration::list).orElse(List.of()).stream().map(v -> {
            Path file = resolvePath(v);
            if (!Files.isRegularFile(file)) {
                throw new SeatConfigurationException("Task file " + file + " not found (configuration parameter '"
                        + BENCHMARKS_TASKS + "')");
            }
            return file;
        }).toList();
    }

    /** Few-shot examples per benchmark prompt, if configured (0 or more). */
    public Optional<Integer> benchmarksNumFewshot() {
        return get(BENCHMARKS_NUM_FEWSHOT).map(v -> {
            try {
                int k = Integer.parseInt(v);
                if (k >= 0) {
                    return k;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new SeatConfigurationException("Configuration parameter '" + BENCHMARKS_NUM_FEWSHOT
                    + "' must be a whole number >= 0, found '" + v + "'");
        });
    }

    /**
     * Validates every value now, so that a typo fails the run once, at the checkpoint node, rather
     * than in every check; returns the effective settings for the manifest.
     */
    public Map<String, String> validateAndDescribe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(CHECKPOINT, checkpoint().toString());
        baseline().ifPresent(b -> out.put(BASELINE, b.toString()));
        limit().ifPresent(l -> out.put(LIMIT, l.toString()));
        out.put(BATCH_SIZE, Integer.toString(batchSize()));
        out.put(MAX_NEW_TOKENS, Integer.toString(maxNewTokens()));
        out.put(RESULTS, results().toString());
        out.put(DEVICE, device());
        chatFormat().ifPresent(f -> out.put(CHAT_FORMAT, f));
        idkPhrases().ifPresent(p -> out.put(IDK_PHRASES, p.toString()));
        idkReferences().ifPresent(p -> out.put(IDK_REFERENCES, p.toString()));
        embedder().ifPresent(p -> out.put(EMBEDDER, p.toString()));
        get(EMBEDDER_POOLING).ifPresent(p -> out.put(EMBEDDER_POOLING, p));
        out.put(CACHE, Boolean.toString(cacheEnabled()));
        runId().ifPresent(r -> out.put(RUN_ID, r));
        benchmarks().ifPresent(b -> out.put(BENCHMARKS, String.join(",", b)));
        benchmarksData().ifPresent(d -> out.put(BENCHMARKS_DATA, d.toString()));
        List<Path> taskFiles = benchmarkTaskFiles();
        if (!taskFiles.isEmpty()) {
            out.put(BENCHMARKS_TASKS, String.join(",", taskFiles.stream().map(Path::toString).toList()));
        }
        benchmarksNumFewshot().ifPresent(k -> out.put(BENCHMARKS_NUM_FEWSHOT, k.toString()));
        out.put(PCA_LAYER, Integer.toString(pcaLayer()));
        out.put(REPORT, Boolean.toString(reportEnabled()));
        Map<String, String> prefixed = new TreeMap<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(parameters.keySet());
        keys.addAll(System.getProperties().stringPropertyNames()); // the fallback get() also reads
        for (String key : keys) {
            if (key.startsWith(DATASET_PREFIX) || key.startsWith(THRESHOLD_PREFIX)) {
                get(key).ifPresent(v -> prefixed.put(key, v));
                if (key.startsWith(THRESHOLD_PREFIX)) {
                    threshold(key);
                }
            }
        }
        out.putAll(prefixed);
        return out;
    }

    /** A path as the user wrote it: absolute, relative to the working directory, or to the repository root. */
    static Path resolvePath(String value) {
        Path p = Path.of(value);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        Path fromWorkingDir = p.toAbsolutePath().normalize();
        if (Files.exists(fromWorkingDir)) {
            return fromWorkingDir;
        }
        return RepoPaths.root().resolve(p).normalize();
    }

    /** How a path is shown in messages: relative to the repository root when under it. */
    static String display(Path p) {
        Path root = RepoPaths.root();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) && !abs.equals(root) ? root.relativize(abs).toString() : abs.toString();
    }

    private static List<String> list(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static int positiveInt(String key, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SeatConfigurationException("Configuration parameter '" + key + "' must be a positive integer, found '"
                + value + "'");
    }
}
