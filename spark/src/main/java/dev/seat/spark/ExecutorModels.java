package dev.seat.spark;

import dev.seat.harness.model.Checkpoint;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The models of one executor JVM: each checkpoint folder is loaded once, by the first task that
 * needs it, and kept for every later task in the JVM (a load takes seconds to minutes; a task takes
 * one share of a question set). A folder that cannot be loaded is remembered with the loader's
 * message, so later tasks report it at once instead of loading again. Models are released when
 * the JVM exits.
 */
final class ExecutorModels {
    private static final Map<String, Checkpoint> LOADED = new HashMap<>();
    private static final Map<String, String> FAILED = new HashMap<>();
    private static final Map<String, Integer> LOADS = new HashMap<>();

    private ExecutorModels() {}

    /** A loaded model, or what went wrong loading it. */
    record Loaded(Checkpoint model, String error) {}

    static synchronized Loaded get(String dir, String device) {
        String key = device + "|" + dir;
        Checkpoint known = LOADED.get(key);
        if (known != null) {
            return new Loaded(known, null);
        }
        if (FAILED.containsKey(key)) {
            return new Loaded(null, FAILED.get(key));
        }
        LOADS.merge(dir, 1, Integer::sum);
        try {
            long t0 = System.nanoTime();
            Checkpoint c = Checkpoint.load(Path.of(dir), new Checkpoint.Options(device, true, null));
            System.err.printf("seat spark: %s loaded on %s in %.2f s (once per executor JVM)%n", dir, device,
                    (System.nanoTime() - t0) / 1e9);
            LOADED.put(key, c);
            return new Loaded(c, null);
        } catch (RuntimeException e) { // CheckpointException, bad JSON, native engine errors
            String message = "Cannot load " + dir + ": " + e.getMessage();
            FAILED.put(key, message);
            return new Loaded(null, message);
        }
    }

    /** How many times this JVM has loaded a folder, on any device (tests show that tasks share one load). */
    static synchronized int loads(String dir) {
        return LOADS.getOrDefault(dir, 0);
    }
}
