package dev.seat.harness.report;

import dev.seat.harness.RepoPaths;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.LossCurve;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * {@code report.html} of an experiment folder as {@code seat experiment table2} writes it
 * ({@code table2.json}, {@code sweep.json}, {@code runs/*.json}): Table 2, refusal per kind of
 * unknown entity, Figure 2 (IDK_SM, IDK_CS, FT and retained against the sparsity α, with error
 * bars over seeds), drift per method and, where the runs recorded them, training loss curves. Rows
 * carry mean and sample standard deviation over seeds ({@code <metric>_std}); the error bars are
 * the standard error, std / √seeds. A missing file or key is said in its section.
 */
public final class ExperimentReport {
    /** The metrics of Table 2 and Figure 2, in the paper's order, with their column titles. */
    private static final Map<String, String> HEADLINE = headline();

    private final Path dir;

    ExperimentReport(Path dir) {
        this.dir = dir;
    }

    /** Whether a folder looks like an experiment folder. */
    public static boolean isExperimentFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("table2.json")) || Files.isRegularFile(dir.resolve("sweep.json"));
    }

    /** Writes the report of experiment folder {@code dir} to {@code out}. */
    public static Path write(Path dir, Path out) {
        String html = new ExperimentReport(dir).render();
        AtomicFiles.write(out, o -> o.write(html.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private static Map<String, String> headline() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ft", "FT");
        m.put("idk_sm", "IDK_SM");
        m.put("idk_cs", "IDK_CS");
        m.put("retained", "retained");
        m.put("drift", "drift");
        return m;
    }

    String render() {
        Html page = new Html("seat experiment: " + dir.getFileName());
        page.h1("seat experiment report: " + dir.getFileName());
        // inside the repository the folder is shown from its root, so a committed report names no machine's path
        Path folder = dir.toAbsolutePath().normalize();
        Path root = RepoPaths.root().toAbsolutePath().normalize();
        page.p("Folder: " + (folder.startsWith(root) ? root.relativize(folder) : folder));
        JsonNode table2 = read("table2.json", page);
        JsonNode sweep = read("sweep.json", page);
        table2(page, table2);
        kinds(page, table2);
        figure2(page, sweep);
        drift(page, table2);
        lossCurves(page, table2);
        return page.render();
    }

    private JsonNode read(String name, Html page) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode n = Json.read(file);
            return n.path("rows").isArray() ? n : null;
        } catch (UncheckedIOException e) {
            page.absent(e.getMessage());
            return null;
        }
    }

    private void table2(Html page, JsonNode table2) {
        page.h2("Table 2: methods");
        if (table2 == null) {
            page.absent("No readable table2.json with 'rows' in " + dir + ".");
            return;
        }
        page.caption(table2.path("caption").asText(""));
        List<String> headers = new ArrayList<>(List.of("method", "α", "seeds"));
        HEADLINE.values().forEach(headers::add);
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode r : table2.get("rows")) {
            List<Object> row = new ArrayList<>(List.of(r.path("method").asText("?"), r.path("alpha").asDouble(),
                    r.path("seeds").size()));
            HEADLINE.keySet().forEach(k -> row.add(meanStd(r, k)));
            rows.add(row);
        }
        page.table(headers, rows);
        page.caption("mean ± sample std over seeds; gate set sizes: " + table2.path("gate_sets"));
    }

    private void kinds(Html page, JsonNode table2) {
        page.h2("Refusal per kind of unknown entity");
        if (table2 == null) {
            page.absent("No table2.json.");
            return;
        }
        List<String> kinds = new ArrayList<>();
        JsonNode first = table2.get("rows").path(0);
        for (Iterator<String> it = first.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.startsWith("refusal_") && !k.endsWith("_std")) {
                kinds.add(k);
            }
        }
        if (kinds.isEmpty()) {
            page.absent("The rows of table2.json have no refusal_<kind> keys (an older experiment version).");
            return;
        }
        List<String> headers = new ArrayList<>(List.of("method", "α"));
        kinds.forEach(k -> headers.add(k.substring("refusal_".length())));
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode r : table2.get("rows")) {
            List<Object> row = new ArrayList<>(List.of(r.path("method").asText("?"), r.path("alpha").asDouble()));
            kinds.forEach(k -> row.add(meanStd(r, k)));
            rows.add(row);
        }
        page.table(headers, rows);
    }

    private void figure2(Html page, JsonNode sweep) {
        page.h2("Figure 2: SEAT over the sparsity ratio α");
        if (sweep == null) {
            page.absent("No readable sweep.json with 'rows' in " + dir + ": run the experiment's sparsity sweep.");
            return;
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (String k : List.of("idk_sm", "idk_cs", "ft", "retained")) {
            List<double[]> points = new ArrayList<>();
            for (JsonNode r : sweep.get("rows")) {
                if (r.path(k).isNumber()) {
                    points.add(new double[] {r.path("alpha").asDouble(), r.get(k).asDouble(), stderr(r, k)});
                }
            }
            if (!points.isEmpty()) {
                series.put(HEADLINE.get(k), points);
            }
        }
        if (series.isEmpty()) {
            page.absent("sweep.json has no idk_sm, idk_cs, ft or retained values.");
            return;
        }
        page.figures(List.of(Charts.errorLines(sweep.path("caption").asText("SEAT sparsity sweep"),
                "α (share of coordinates frozen)", "score", series)));
        page.caption("Error bars: standard error over seeds (sample std / √seeds).");
    }

    private void drift(Html page, JsonNode table2) {
        page.h2("Activation drift per method");
        if (table2 == null) {
            page.absent("No table2.json.");
            return;
        }
        Map<String, double[]> bars = new LinkedHashMap<>();
        for (JsonNode r : table2.get("rows")) {
            if (r.path("drift").isNumber()) {
                bars.put(label(r), new double[] {r.get("drift").asDouble(), stderr(r, "drift")});
            }
        }
        if (bars.isEmpty()) {
            page.absent("The rows of table2.json have no 'drift' (largest relative activation drift over layers).");
            return;
        }
        page.figures(List.of(Charts.bars("Largest relative drift from the base over layers", "method",
                "max relative drift", bars, OptionalDouble.of(0.5), "gate limit 0.5")));
        page.caption("Error bars: standard error over seeds.");
    }

    /**
     * Per method of Table 2, the training loss against the optimizer step: the mean over the seeds
     * whose run records keep a {@link LossCurve}, shaded from the seeds' lowest to highest value;
     * for a method whose loss has parts (SEAT's ce and kl), the parts too. Methods whose runs keep
     * no curve are named under the charts.
     */
    private void lossCurves(Html page, JsonNode table2) {
        page.h2("Training loss per method");
        if (table2 == null) {
            page.absent("No table2.json: no methods to draw loss curves for.");
            return;
        }
        Map<String, JsonNode> records = runRecords(page);
        Map<String, List<LossCurve>> curves = new LinkedHashMap<>();
        List<String> without = new ArrayList<>();
        for (JsonNode row : table2.get("rows")) {
            if (row.path("method").asText().equals("base")) {
                continue; // only evaluated, never trained
            }
            List<LossCurve> have = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, JsonNode> run : runsOf(row, records).entrySet()) {
                try {
                    LossCurve.of(run.getValue()).ifPresentOrElse(have::add, () -> missing.add(run.getKey()));
                } catch (IllegalArgumentException e) {
                    page.absent(dir.resolve("runs").resolve(run.getKey() + ".json") + ": " + e.getMessage());
                    missing.add(run.getKey());
                }
            }
            if (have.isEmpty()) {
                without.add(label(row) + (missing.isEmpty() ? " (no run records)" : " (" + String.join(", ", missing) + ")"));
            } else {
                int seeds = have.size() + missing.size();
                curves.put(label(row) + " (" + (missing.isEmpty() ? "" : have.size() + " of ") + seeds
                        + (seeds == 1 ? " seed)" : " seeds)"), have);
            }
        }
        if (curves.isEmpty()) {
            page.absent("No loss curves: no run record of a method in " + dir.resolve("runs") + " keeps a '"
                    + LossCurve.KEY + "'.");
        } else {
            int[] dropped = {0};
            Map<String, List<double[]>> overview = new LinkedHashMap<>();
            curves.forEach((label, cs) -> overview.put(label, positive(meanBand(cs, LossCurve.Point::loss), dropped)));
            List<String> svgs = new ArrayList<>(List.of(Charts.bands("Training loss", "optimizer step", "loss (log scale)",
                    overview, true)));
            curves.forEach((label, cs) -> {
                List<String> parts = cs.stream().flatMap(c -> c.partNames().stream()).distinct().sorted().toList();
                if (!parts.isEmpty()) {
                    Map<String, List<double[]>> series = new LinkedHashMap<>();
                    series.put("loss", positive(meanBand(cs, LossCurve.Point::loss), dropped));
                    parts.forEach(part -> series.put(part, positive(meanBand(cs,
                            p -> p.parts().getOrDefault(part, Double.NaN)), dropped)));
                    svgs.add(Charts.bands(label + ": loss and its parts", "optimizer step", "value (log scale)", series, true));
                }
            });
            page.figures(svgs);
            page.caption("Lines: mean over the seeds whose runs recorded a loss curve; shading: their lowest to highest"
                    + " value at each step. Where the loss has parts, loss = ce + γ·kl: ce is the cross-entropy on the"
                    + " fine-tuning answers, kl the KL divergence from the base model's next-token distributions on the KL"
                    + " inputs (entity-perturbed questions for SEAT and full-kl-ep)."
                    + (dropped[0] > 0 ? " " + dropped[0] + " points ≤ 0 are not drawn on the log axis." : ""));
        }
        if (!without.isEmpty()) {
            page.absent("No loss curve recorded for " + String.join("; ", without) + ": runs from before seat kept loss"
                    + " curves in its run records (./seat experiment table2 --rerun NAME redoes a run).");
        }
    }

    /** Every readable run record under {@code runs/}, by id (file name); unreadable ones are said on the page. */
    private Map<String, JsonNode> runRecords(Html page) {
        Map<String, JsonNode> records = new LinkedHashMap<>();
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return records;
        }
        try (Stream<Path> files = Files.list(runs)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    records.put(f.getFileName().toString().replaceAll("\\.json$", ""), Json.read(f));
                } catch (UncheckedIOException e) {
                    page.absent(e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + runs, e);
        }
        return records;
    }

    /**
     * A row's run records, by id: those its {@code runs} list names, or for a table written before
     * rows listed them, those of its method, α and seeds.
     */
    private static Map<String, JsonNode> runsOf(JsonNode row, Map<String, JsonNode> records) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (row.path("runs").isArray()) {
            row.get("runs").forEach(id -> {
                if (records.containsKey(id.asText())) {
                    out.put(id.asText(), records.get(id.asText()));
                }
            });
            return out;
        }
        List<Long> seeds = new ArrayList<>();
        row.path("seeds").forEach(n -> seeds.add(n.asLong()));
        records.forEach((id, r) -> {
            if (r.path("method").asText().equals(row.path("method").asText())
                    && r.path("alpha").asDouble() == row.path("alpha").asDouble() && seeds.contains(r.path("seed").asLong())) {
                out.put(id, r);
            }
        });
        return out;
    }

    /** Rows {step, mean, lowest, highest} of one value over the curves, per step that has it (NaN: left out). */
    static List<double[]> meanBand(List<LossCurve> curves, ToDoubleFunction<LossCurve.Point> value) {
        Map<Long, List<Double>> byStep = new TreeMap<>();
        for (LossCurve c : curves) {
            for (LossCurve.Point p : c.points()) {
                double v = value.applyAsDouble(p);
                if (!Double.isNaN(v)) {
                    byStep.computeIfAbsent(p.step(), k -> new ArrayList<>()).add(v);
                }
            }
        }
        List<double[]> rows = new ArrayList<>();
        byStep.forEach((step, vs) -> rows.add(new double[] {step, vs.stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow(), Collections.min(vs), Collections.max(vs)}));
        return rows;
    }

    /** The rows a log axis can draw (lowest value > 0); counts the others in {@code dropped[0]}. */
    private static List<double[]> positive(List<double[]> rows, int[] dropped) {
        List<double[]> out = rows.stream().filter(r -> r[2] > 0 && Double.isFinite(r[3])).toList();
        dropped[0] += rows.size() - out.size();
        return out;
    }

    /** A Table 2 row's name: its method, and α for a masked one. */
    private static String label(JsonNode row) {
        return row.path("method").asText("?") + (row.path("alpha").asDouble() > 0 ? " α" + row.path("alpha").asText() : "");
    }

    private static String meanStd(JsonNode row, String key) {
        if (!row.path(key).isNumber()) {
            return "—";
        }
        return Html.number(row.get(key).asDouble()) + (row.path(key + "_std").isNumber()
                ? " ± " + Html.number(row.get(key + "_std").asDouble()) : "");
    }

    private static double stderr(JsonNode row, String key) {
        int seeds = Math.max(1, row.path("seeds").size());
        return row.path(key + "_std").asDouble(0) / Math.sqrt(seeds);
    }
}
