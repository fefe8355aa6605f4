package dev.seat.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.engine.GateLauncher;
import dev.seat.harness.engine.GatePlan;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * N checkpoints × the gate: each checkpoint's gate is a {@link SparkGate} job, its run folder is
 * {@code <results>/<checkpoint-name>/<sweep-id>}, and one table at the end,
 * {@code <results>/sweeps/<sweep-id>/summary.md} (and {@code summary.json}): per checkpoint and
 * question set, the gate's exit code and every metric's mean ± stderr from the run's
 * {@code metrics.json}.
 */
public final class SparkSweep {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("'sweep-'yyyyMMdd-HHmmss", Locale.ROOT);

    private SparkSweep() {}

    /**
     * @param config the gate's parameters shared by every checkpoint ({@code runId}: the sweep id)
     * @return 0 when every gate passed, else the worst gate's exit code (1 before 2)
     */
    public static int run(JavaSparkContext sc, SparkGate.Options options, List<Path> checkpoints,
            Map<String, String> config, List<String> suites, PrintWriter out, PrintWriter err) {
        Set<String> names = new HashSet<>();
        for (Path c : checkpoints) {
            if (!names.add(name(c))) {
                throw new IllegalArgumentException("Two checkpoints of the sweep are named '" + name(c) + "' (" + c
                        + "); their run folders would share <results>/" + name(c) + "; give the folders distinct names");
            }
        }
        String sweepId = config.getOrDefault("runId", ID.format(ZonedDateTime.now(ZoneOffset.UTC)));
        Path results = GatePlan.of(config, List.of()).settings().results();
        ArrayNode rows = Json.MAPPER.createArrayNode();
        int worst = 0;
        for (Path c : checkpoints) {
            Path runDir = results.resolve(name(c)).resolve(sweepId);
            if (Files.exists(runDir)) {
                throw new IllegalArgumentException("Run folder " + runDir + " exists already; choose another sweep id (runId)");
            }
            Map<String, String> cfg = new LinkedHashMap<>(config);
            cfg.put("checkpoint", c.toString());
            cfg.put("runId", sweepId);
            int exit = SparkGate.run(sc, options, cfg, suites, false, out, err);
            worst = exit == GateLauncher.FAILED || worst == GateLauncher.FAILED ? GateLauncher.FAILED : Math.max(worst, exit);
            ObjectNode row = rows.addObject();
            row.put("checkpoint", c.toString());
            row.put("exit", exit);
            row.put("run", runDir.toString());
            row.set("metrics", Files.isDirectory(runDir) ? RunFolder.open(runDir).metrics() : Json.object());
        }
        Path dir = results.resolve("sweeps").resolve(sweepId);
        ObjectNode summary = Json.object();
        summary.put("sweep", sweepId);
        summary.set("runs", rows);
        String table = table(rows);
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not create " + dir + ": " + e.getMessage(), e);
        }
        Json.write(dir.resolve("summary.json"), summary);
        AtomicFiles.writeString(dir.resolve("summary.md"), table);
        out.printf("%nSweep %s (%s)%n%s", sweepId, dir.resolve("summary.md"), table);
        out.flush();
        return worst;
    }

    /** One Markdown row per checkpoint and question set; a column per metric (mean ± stderr). */
    static String table(ArrayNode rows) {
        Set<String> metrics = new TreeSet<>();
        for (JsonNode row : rows) {
            row.path("metrics").forEach(set -> set.fieldNames().forEachRemaining(f -> {
                if (!f.endsWith("_stderr") && set.get(f).isNumber() && !f.equals("n")) {
                    metrics.add(f);
                }
            }));
        }
        StringBuilder sb = new StringBuilder("| checkpoint | exit | set | n |");
        metrics.forEach(m -> sb.append(' ').append(m).append(" |"));
        sb.append("\n|---|---|---|---|");
        metrics.forEach(m -> sb.append("---|"));
        sb.append('\n');
        for (JsonNode row : rows) {
            String name = name(Path.of(row.get("checkpoint").asText()));
            Iterator<Map.Entry<String, JsonNode>> sets = row.path("metrics").fields();
            if (!sets.hasNext()) {
                sb.append("| ").append(name).append(" | ").append(row.get("exit").asInt()).append(" | – | – |");
                metrics.forEach(m -> sb.append(" |"));
                sb.append('\n');
            }
            while (sets.hasNext()) {
                Map.Entry<String, JsonNode> set = sets.next();
                JsonNode v = set.getValue();
                sb.append("| ").append(name).append(" | ").append(row.get("exit").asInt()).append(" | ")
                        .append(set.getKey()).append(" | ").append(v.path("n").asText("")).append(" |");
                for (String m : metrics) {
                    sb.append(' ').append(cell(v, m)).append(" |");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String cell(JsonNode set, String metric) {
        if (!set.has(metric) || !set.get(metric).isNumber()) {
            return "";
        }
        String mean = String.format(Locale.ROOT, "%.4f", set.get(metric).asDouble());
        JsonNode se = set.get(metric + "_stderr");
        return se != null && se.isNumber() ? mean + " ± " + String.format(Locale.ROOT, "%.4f", se.asDouble()) : mean;
    }

    private static String name(Path checkpoint) {
        return checkpoint.toAbsolutePath().normalize().getFileName().toString();
    }

}
