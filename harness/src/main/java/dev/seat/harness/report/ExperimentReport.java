package dev.seat.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
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

    private ExperimentReport(Path dir) {
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
        page.p("Folder: " + dir.toAbsolutePath().normalize());
        JsonNode table2 = read("table2.json", page);
        JsonNode sweep = read("sweep.json", page);
        table2(page, table2);
        kinds(page, table2);
        figure2(page, sweep);
        drift(page, table2);
        lossCurves(page);
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
                String label = r.path("method").asText("?") + (r.path("alpha").asDouble() > 0 ? " α" + r.path("alpha").asText() : "");
                bars.put(label, new double[] {r.get("drift").asDouble(), stderr(r, "drift")});
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

    /** Loss curves from runs/*.json entries with a per-step loss list ({@code training.losses}), if any. */
    private void lossCurves(Html page) {
        page.h2("Training loss per method");
        Path runs = dir.resolve("runs");
        Map<String, double[][]> curves = new LinkedHashMap<>();
        if (Files.isDirectory(runs)) {
            try (Stream<Path> files = Files.list(runs)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    JsonNode losses = Json.read(f).at("/training/losses");
                    if (losses.isArray() && !losses.isEmpty()) {
                        double[][] pts = new double[losses.size()][];
                        for (int i = 0; i < losses.size(); i++) {
                            pts[i] = new double[] {i + 1, losses.get(i).asDouble()};
                        }
                        curves.put(f.getFileName().toString().replace(".json", ""), pts);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not list " + runs, e);
            }
        }
        if (curves.isEmpty()) {
            page.absent("No loss curves: the runs in " + runs + " record only the first and last loss "
                    + "(training.result.firstLoss/lastLoss), not a per-step 'training.losses' list.");
            return;
        }
        page.figures(List.of(Charts.lines("Training loss", "step", "loss", curves, OptionalDouble.empty(), "")));
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
