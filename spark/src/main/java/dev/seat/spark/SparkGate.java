package dev.seat.spark;

import dev.seat.harness.engine.GateLauncher;
import dev.seat.harness.engine.GatePlan;
import dev.seat.harness.results.ResponseCache;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The gate of one checkpoint as a Spark job. The driver plans the answers the gate will ask for
 * ({@link GatePlan}), the executors produce them share by share ({@link ShareTask}), the driver
 * stores each question set's answers in the response cache of the results folder (one atomic file
 * per set, from the successful attempts only), then runs the ordinary gate
 * ({@link GateLauncher}), which reads every answer from that cache and writes the usual run
 * folder. The checks, the report and the exit code are therefore those of {@code ./seat gate}.
 *
 * <p>When the configuration is invalid, or a model cannot be loaded, no answers are stored and
 * the gate runs as it is, reporting the problem as {@code ./seat gate} does (and with its exit code).
 */
public final class SparkGate {
    /** How the job is cut up. */
    public record Options(int sharesPerSet, boolean failFirstAttempt) {
        public static Options defaults(JavaSparkContext sc) {
            return new Options(Math.max(1, sc.defaultParallelism()), false);
        }
    }

    private SparkGate() {}

    /**
     * Produces the answers on the cluster, then runs the gate.
     *
     * @param config the gate's configuration parameters (as {@code ./seat gate -D...})
     * @param suites suite class names in {@code dev.seat.suites}; empty: all
     * @return the gate's exit code
     */
    public static int run(JavaSparkContext sc, Options options, Map<String, String> config, List<String> suites,
            boolean items, PrintWriter out, PrintWriter err) {
        answer(sc, options, config, suites, err);
        Map<String, String> answered = new LinkedHashMap<>(config);
        answered.put(SparkAnswers.MASTER, ""); // blank counts as unset: the engine does not ask Spark again
        return GateLauncher.run(answered, suites, items, out, err);
    }

    /**
     * Produces and stores the answers of the gate's plan; false when nothing was stored because
     * the plan or a model load failed (the gate then reports why).
     */
    static boolean answer(JavaSparkContext sc, Options options, Map<String, String> config, List<String> suites,
            PrintWriter err) {
        GatePlan plan;
        try {
            plan = GatePlan.of(config, GateLauncher.suiteClasses(suites));
        } catch (RuntimeException e) {
            return false; // the gate reports the configuration problem itself
        }
        return answer(sc, options, plan, err);
    }

    /**
     * Produces and stores the answers of a plan; false when nothing was stored because the
     * response cache is off or a model load failed (the gate then generates them or reports why).
     */
    static boolean answer(JavaSparkContext sc, Options options, GatePlan plan, PrintWriter err) {
        if (!plan.settings().cache()) {
            err.println("seat spark: cache=false, so the gate would not read answers produced elsewhere; the driver "
                    + "generates them");
            err.flush();
            return false;
        }
        List<AnswerShare> shares = AnswerShare.of(plan, options.sharesPerSet());
        if (shares.isEmpty()) {
            return true;
        }
        long t0 = System.nanoTime();
        List<AnsweredShare> answered = sc.parallelize(shares, shares.size())
                .map(new ShareTask(options.failFirstAttempt()))
                .collect();
        int count = answered.stream().mapToInt(a -> a.entries().size()).sum();
        err.printf("seat spark: %d answers in %d shares on %s in %.1f s%n", count, shares.size(), sc.master(),
                (System.nanoTime() - t0) / 1e9);
        err.flush();
        for (AnsweredShare a : answered) {
            if (a.failed()) {
                err.println("seat spark: " + a.loadError());
                err.flush();
                return false;
            }
        }
        store(plan.settings().results(), answered);
        return true;
    }

    /** Writes each question set's answers, assembled in question order, as one complete cache file. */
    static void store(Path results, List<AnsweredShare> answered) {
        Map<ResponseCache.Key, List<AnsweredShare>> bySet = new LinkedHashMap<>();
        Map<ResponseCache.Key, String> models = new LinkedHashMap<>();
        for (AnsweredShare a : answered) {
            bySet.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a);
            models.put(a.key(), a.modelName());
        }
        bySet.forEach((key, parts) -> {
            parts.sort(Comparator.comparingInt(AnsweredShare::from));
            List<ResponseCache.Entry> entries = new ArrayList<>();
            for (AnsweredShare p : parts) {
                if (p.from() != entries.size()) {
                    throw new IllegalStateException("Answers of '" + key.dataset() + "' for " + models.get(key)
                            + ": expected a share starting at question " + entries.size() + ", found one at " + p.from());
                }
                entries.addAll(p.entries());
            }
            int total = parts.get(0).total();
            if (entries.size() != total) {
                throw new IllegalStateException("Answers of '" + key.dataset() + "' for " + models.get(key) + ": "
                        + entries.size() + " of " + total + " questions came back");
            }
            ResponseCache.forCheckpoint(results, models.get(key)).complete(key, entries);
        });
    }
}
