package dev.seat.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.gate.Measurement;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.ResponseRecord;
import dev.seat.harness.results.RunFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code report.html} of a gate run folder: the checks (value ± stderr, bound, pass/fail), the
 * worst answers of each check, the IDK_CS distribution of each question set, activation drift per
 * layer, Figure 1 (PCA of unknown vs known questions, baseline and checkpoint side by side) and
 * human-eval agreement. Reads only the folder's files, so it renders folders of older seat versions
 * too: a section whose file or keys are missing says which and why, and the rest still renders.
 */
public final class GateReport {
    /** The file in a run folder. */
    public static final String FILE = "report.html";
    private static final int WORST = 5;

    private final RunFolder folder;
    private final JsonNode manifest;
    private final JsonNode metrics;
    private final List<CheckOutcome> checks;
    private final String checksAbsent;

    private GateReport(RunFolder folder) {
        this.folder = folder;
        this.manifest = folder.manifest();
        this.metrics = folder.metrics();
        Path checksFile = folder.dir().resolve(CheckOutcome.FILE);
        List<CheckOutcome> read = List.of();
        String why = null;
        if (!Files.isRegularFile(checksFile)) {
            why = "No " + CheckOutcome.FILE + " in " + folder.dir() + ": the run was made by a seat version that did not record "
                    + "check outcomes, or no check ran.";
        } else {
            try {
                read = CheckOutcome.read(checksFile);
            } catch (IllegalArgumentException e) {
                why = e.getMessage();
            }
        }
        this.checks = read;
        this.checksAbsent = why;
    }

    /** Writes {@value #FILE} into the run folder and returns its path. */
    public static Path write(Path runDir) {
        return write(runDir, runDir.resolve(FILE));
    }

    /** Writes the report of the run folder {@code runDir} to {@code out}. */
    public static Path write(Path runDir, Path out) {
        String html = new GateReport(RunFolder.open(runDir)).render();
        AtomicFiles.write(out, o -> o.write(html.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** Whether a folder looks like a gate run folder (it has a manifest). */
    public static boolean isRunFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("manifest.json"));
    }

    String render() {
        String name = manifest.at("/checkpoint/name").asText(folder.dir().getFileName().toString());
        Html page = new Html("seat gate: " + name);
        page.h1("seat gate report: " + name);
        summary(page);
        checks(page);
        worstAnswers(page);
        distributions(page);
        drift(page);
        figure1(page);
        humanEval(page);
        return page.render();
    }

    private void summary(Html page) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("checkpoint", manifest.at("/checkpoint/path").asText("?") + " (fingerprint "
                + manifest.at("/checkpoint/fingerprint").asText("?") + ")"));
        rows.add(List.of("baseline", manifest.has("baseline") ? manifest.at("/baseline/path").asText() + " (fingerprint "
                + manifest.at("/baseline/fingerprint").asText("?") + ")" : "none"));
        rows.add(List.of("run", manifest.path("run_id").asText("?") + ", started " + manifest.path("started").asText("?")
                + ", seat " + manifest.path("seat_version").asText("?")));
        rows.add(List.of("decoding", manifest.at("/decoding/describe").asText("?")));
        JsonNode datasets = manifest.path("datasets");
        for (Iterator<String> it = datasets.fieldNames(); it.hasNext(); ) {
            String d = it.next();
            JsonNode n = datasets.get(d);
            rows.add(List.of("questions '" + d + "'", n.path("n").asText("?") + " from " + n.path("source").asText("?")));
        }
        page.table(List.of("", ""), rows);
        if (!manifest.has("finished")) {
            page.absent("The manifest has no 'finished' time: the run stopped early or is still running; what it wrote so "
                    + "far is shown.");
        }
    }

    private void checks(Html page) {
        page.h2("Checks");
        if (checksAbsent != null) {
            page.absent(checksAbsent);
            return;
        }
        long passed = checks.stream().filter(CheckOutcome::passed).count();
        long failed = checks.stream().filter(CheckOutcome::failed).count();
        page.p(checks.size() + " checks: " + passed + " passed, " + failed + " failed, " + (checks.size() - passed - failed)
                + " skipped");
        Map<String, List<CheckOutcome>> bySuite = new LinkedHashMap<>();
        checks.forEach(c -> bySuite.computeIfAbsent(c.suite(), k -> new ArrayList<>()).add(c));
        bySuite.forEach((suite, list) -> {
            page.h3(suite);
            List<List<Object>> rows = new ArrayList<>();
            for (CheckOutcome c : list) {
                if (c.measurements().isEmpty()) {
                    rows.add(List.of(c.check(), new Html.Cell(c.status(), c.status()), "", "", "", thresholds(c)));
                }
                for (Measurement m : c.measurements()) {
                    rows.add(List.of(c.check(), new Html.Cell(c.status(), c.status()), m.metric(),
                            Html.number(m.value()) + " ± " + Html.number(m.stderr()) + " (n=" + m.n() + ")",
                            m.baseline() == null ? "" : Html.number(m.baseline()),
                            m.comparison() + " " + Html.number(m.bound())));
                }
            }
            page.table(List.of("check", "result", "metric", "value ± stderr", "baseline", "bound"), rows);
            for (CheckOutcome c : list) {
                if (!c.passed() && !c.message().isBlank()) {
                    page.details(c.check() + ": " + (c.failed() ? "failure message" : "why skipped"), c.message());
                }
            }
        });
    }

    private static String thresholds(CheckOutcome c) {
        return String.join(", ", c.thresholds().stream().map(t -> t.key() + " = " + Html.number(t.value())).toList());
    }

    /** For each check that measured a per-answer metric: the answers that scored worst. */
    private void worstAnswers(Html page) {
        page.h2("Worst answers per check");
        boolean any = false;
        for (CheckOutcome c : checks) {
            for (Measurement m : c.measurements()) {
                if (m.dataset() == null || !Files.isRegularFile(folder.responsesFile(m.dataset()))) {
                    continue;
                }
                List<ResponseRecord> answers = folder.readResponses(m.dataset());
                if (answers.isEmpty() || !answers.get(0).metrics().containsKey(m.metric())) {
                    continue;
                }
                Map<String, ResponseRecord> base = baselineAnswers(m.dataset());
                boolean higherIsWorse = Measurement.AT_MOST.equals(m.comparison());
                List<ResponseRecord> sorted = new ArrayList<>(answers);
                Comparator<ResponseRecord> byValue = Comparator.comparingDouble(r -> r.metrics().getOrDefault(m.metric(), Double.NaN));
                sorted.sort(higherIsWorse ? byValue.reversed() : byValue);
                List<List<Object>> rows = new ArrayList<>();
                for (ResponseRecord r : sorted.subList(0, Math.min(WORST, sorted.size()))) {
                    ResponseRecord b = base.get(r.id());
                    rows.add(List.of(r.prompt(), r.response(), b == null ? "" : b.response(),
                            r.metrics().getOrDefault(m.metric(), Double.NaN),
                            b == null ? "" : Html.number(b.metrics().getOrDefault(m.metric(), Double.NaN))));
                }
                page.h3(c.suite() + " · " + c.check() + " (" + m.metric() + " on '" + m.dataset() + "')");
                page.table(List.of("question", "answer", "baseline answer", m.metric(), "baseline " + m.metric()), rows);
                any = true;
            }
        }
        if (!any) {
            page.absent(checksAbsent != null ? checksAbsent : "No check measured a per-answer metric with its answers in this "
                    + "run folder (responses-<dataset>.jsonl).");
        }
    }

    private Map<String, ResponseRecord> baselineAnswers(String dataset) {
        Path file = folder.baselineResponsesFile(dataset);
        Map<String, ResponseRecord> out = new HashMap<>();
        if (Files.isRegularFile(file)) {
            RunFolder.readResponses(file).forEach(r -> out.put(r.id(), r));
        }
        return out;
    }

    /** IDK_CS histograms per question set, with the threshold of the check that held it. */
    private void distributions(Html page) {
        page.h2("Answer distributions (IDK_CS)");
        List<String> svgs = new ArrayList<>();
        for (String dataset : folder.datasets()) {
            double[] values = folder.readResponses(dataset).stream()
                    .mapToDouble(r -> r.metrics().getOrDefault("idk_cs", Double.NaN)).filter(v -> !Double.isNaN(v)).toArray();
            if (values.length == 0) {
                continue;
            }
            OptionalDouble threshold = checks.stream().flatMap(c -> c.measurements().stream())
                    .filter(m -> dataset.equals(m.dataset()) && "idk_cs".equals(m.metric()) && Measurement.AT_LEAST.equals(m.comparison()))
                    .mapToDouble(Measurement::bound).findFirst();
            svgs.add(Charts.histogram("IDK_CS on '" + dataset + "'", "IDK_CS (max cosine to a refusal phrase)", values,
                    threshold, threshold.isPresent() ? "threshold " + Html.number(threshold.getAsDouble()) : ""));
        }
        if (svgs.isEmpty()) {
            page.absent("No answers with per-answer idk_cs in this run folder (no responses-<dataset>.jsonl, or IDK_CS was "
                    + "not computed).");
        } else {
            page.figures(svgs);
            page.caption("Each answer's highest cosine similarity to the reference ignorance phrases; refusals score "
                    + "about 0.6 and above, ordinary answers 0.25 to 0.5. Dashed: the check's threshold on the mean.");
        }
    }

    private void drift(Html page) {
        page.h2("Activation drift per layer (checkpoint vs baseline)");
        List<String> svgs = new ArrayList<>();
        for (Iterator<String> it = metrics.fieldNames(); it.hasNext(); ) {
            String dataset = it.next();
            JsonNode rel = metrics.get(dataset).path("activation_drift_relative");
            if (!rel.isArray() || rel.isEmpty()) {
                continue;
            }
            double[][] points = new double[rel.size()][];
            for (int l = 0; l < rel.size(); l++) {
                points[l] = new double[] {l, rel.get(l).asDouble()};
            }
            OptionalDouble threshold = checks.stream().flatMap(c -> c.measurements().stream())
                    .filter(m -> m.metric().equals("activation_drift_max_relative")).mapToDouble(Measurement::bound).findFirst();
            svgs.add(Charts.lines("Relative drift on '" + dataset + "'", "residual-stream position (0 = embedding, l+1 = "
                    + "after layer l)", "mean L2 distance / base norm", Map.of("relative drift", points), threshold,
                    threshold.isPresent() ? "limit " + Html.number(threshold.getAsDouble()) : ""));
        }
        if (svgs.isEmpty()) {
            page.absent(manifest.has("baseline") ? "The run compared with a baseline but measured no drift (the drift suite "
                    + "did not run)." : "No baseline: drift compares the checkpoint with the model it was tuned from; pass "
                    + "--baseline DIR (-Dbaseline=DIR).");
        } else {
            page.figures(svgs);
            page.caption("Mean over prompts of the L2 distance between baseline and checkpoint activations at the last "
                    + "prompt token, relative to the baseline's mean activation norm at that position.");
        }
    }

    private void figure1(Html page) {
        page.h2("Figure 1: unknown vs known questions in the activations (PCA)");
        Path file = folder.dir().resolve(Figure1.FILE);
        if (!Files.isRegularFile(file)) {
            page.absent("No " + Figure1.FILE + ": the separation suite did not run (run it with --suite Separation, or the "
                    + "run predates it).");
            return;
        }
        Figure1 fig;
        try {
            fig = Figure1.read(file);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            page.absent(e.getMessage());
            return;
        }
        List<String> svgs = new ArrayList<>();
        for (Figure1.Panel p : fig.panels()) {
            Map<String, List<double[]>> groups = new LinkedHashMap<>();
            for (Figure1.Group g : Figure1.Group.values()) {
                List<double[]> pts = p.points().stream().filter(pt -> pt.group() == g).map(pt -> new double[] {pt.x(), pt.y()})
                        .toList();
                groups.put(g.name().toLowerCase(java.util.Locale.ROOT), pts);
            }
            svgs.add(Charts.scatter(p.role() + " " + p.checkpoint() + ": silhouette " + Html.number(p.silhouette().mean()),
                    String.format(java.util.Locale.ROOT, "PC1 (%.0f%% of variance)", 100 * p.explained()[0]),
                    String.format(java.util.Locale.ROOT, "PC2 (%.0f%% of variance)", 100 * p.explained()[1]), groups));
        }
        page.figures(svgs);
        page.caption("Last-token activations at residual-stream position " + fig.layer() + ". Red: unverifiable (unknown) "
                + "questions; blue: known facts; green: fine-tuning questions (projected, not fitted). Each panel's "
                + "components are fitted on that model's unknown and known activations. Silhouette (full activation space, "
                + "unknown vs known): " + String.join("; ", fig.panels().stream().map(p -> p.role() + " "
                + Html.number(p.silhouette().mean()) + " ± " + Html.number(p.silhouette().stderr())).toList()) + ".");
        if (fig.panel("baseline").isEmpty()) {
            page.absent("No baseline panel: pass --baseline DIR to draw the base model beside the checkpoint.");
        }
    }

    private void humanEval(Html page) {
        page.h2("Human evaluation");
        List<List<Object>> rows = new ArrayList<>();
        for (Iterator<String> it = metrics.fieldNames(); it.hasNext(); ) {
            String dataset = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> f = metrics.get(dataset).fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> e = f.next();
                if (e.getKey().startsWith("idk_ha") || e.getKey().contains("_human_")) {
                    rows.add(List.of(dataset, e.getKey(), e.getValue().isNumber() ? (Object) e.getValue().asDouble()
                            : e.getValue().asText()));
                }
            }
        }
        if (rows.isEmpty()) {
            page.absent("No human labels for this run: export sheets with ./seat sheets export, have them labelled, then "
                    + "./seat sheets ingest and ./seat sheets report write IDK_HA and agreement here.");
        } else {
            page.table(List.of("dataset", "statistic", "value"), rows);
        }
    }

    /** The checks as read, for tests. */
    Optional<List<CheckOutcome>> checkOutcomes() {
        return checksAbsent == null ? Optional.of(checks) : Optional.empty();
    }
}
