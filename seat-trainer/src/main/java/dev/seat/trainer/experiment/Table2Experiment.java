package dev.seat.trainer.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.gate.HumanLabels;
import dev.seat.harness.metrics.IdkStringMatch;
import dev.seat.harness.metrics.MeanStderr;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.CheckpointFingerprint;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Digests;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.JsonDiff;
import dev.seat.harness.results.LossCurve;
import dev.seat.trainer.FineTune;
import dev.seat.trainer.Method;
import dev.seat.trainer.MethodConfig;
import dev.seat.trainer.ProgressReporter;
import dev.seat.trainer.TrainConfig;
import dev.seat.trainer.kl.KlPositions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The paper's Table 2 on any base: every method (and the ablations) fine-tuned from the same base
 * for several seeds, a sparsity sweep for SEAT, each evaluated with {@link GateEvaluation} (on the
 * embedded world's sets when the base was pretrained on it, else on the gate's sets).
 *
 * <p>Each run writes {@code runs/<id>.json} under the output folder as soon as it finishes, and a
 * run whose file exists is skipped, so the experiment can be stopped and continued any time. A
 * run's id ends in a digest of its {@link #settings settings}, every setting that changes its
 * result (method, α, seed, the method defaults incl. KL positions, learning-rate scale, epochs,
 * batch size, the data's digest, the base's fingerprint, the evaluation's caps and IDK phrase
 * list), and its record holds them: a rerun with other settings makes new runs, never reuses
 * finished ones. After every run the tables are rebuilt from the run files whose settings are this
 * experiment's (others under {@code runs/} are left out and counted), their headings from those
 * records: {@code table2.md/json} (one row per method and α, mean ± sample std over seeds),
 * {@code sweep.md/json} (SEAT over α) and {@code kinds.md} (refusal rate per unknown-entity kind).
 *
 * <p>Each run also keeps its answers in {@code runs/<id>/}, a gate run folder ({@link KeptAnswers}):
 * {@code seat sheets export --runs} labels them, and once {@code seat sheets report} has written
 * human labels there the tables get an IDK_HA column. From the kept answers: {@code case-study.md}
 * ({@link CaseStudy}); with benchmarks, {@code table6.md/json} ({@link DownstreamBenchmarks}).
 */
public final class Table2Experiment {
    /** Every metric column of the tables, in order, with its Markdown header. */
    static final Map<String, String> COLUMNS = columns();
    /** The columns a world base's tables always show (others only when a row has them). */
    static final List<String> WORLD_COLUMNS = List.of("ft", "idk_sm", "idk_cs", "idk_sm_lunar", "idk_cs_lunar", "idk_sm_tofu",
            "retained", "known_refused", "retained_novel", "drift", "train_seconds");

    /** One planned run: a method at a sparsity (masked methods) and a seed; {@code method == null} is the base. */
    public record Run(Method method, double alpha, long seed) {
        /** The run's name without its settings digest, e.g. {@code seat-a0.8-s1}. */
        public String name() {
            if (method == null) {
                return "base";
            }
            return method.id + (method.masked ? "-a" + fmt(alpha) : "") + "-s" + seed;
        }
    }

    /**
     * Everything a table2 run needs.
     *
     * @param lrScale factor on every method's default learning rate (1 = the documented defaults)
     * @param evalLimit cap on each gate set (0 = all)
     * @param maxNewTokens the gate's answer length
     * @param idkCs whether IDK_CS is measured
     * @param idkPhrases the IDK_SM phrase list, null for the bundled one
     * @param factual the known facts a base without a world is asked (the gate's {@code dataset.factual}), null for the built-in set
     * @param benchmarks downstream tasks measured on every model (Table 6), or null for none
     * @param direction Table 3(a)'s direction ({@code PISTOL → TOFU}), or null
     */
    public record Settings(Path base, List<QaItem> items, String dataName, int epochs, int batchSize, Path out,
            MethodConfig defaults, double lrScale, int evalLimit, int maxNewTokens, boolean idkCs, Path idkPhrases,
            Path factual, DownstreamBenchmarks benchmarks, String direction) {

        /** With the bundled IDK_SM phrase list. */
        public Settings(Path base, List<QaItem> items, String dataName, int epochs, int batchSize, Path out,
                MethodConfig defaults, double lrScale, int evalLimit, int maxNewTokens, boolean idkCs) {
            this(base, items, dataName, epochs, batchSize, out, defaults, lrScale, evalLimit, maxNewTokens, idkCs, null,
                    null, null, null);
        }

        /** The version of the IDK_SM phrase list the runs are scored with. */
        String phraseListVersion() {
            return (idkPhrases == null ? IdkStringMatch.defaults() : IdkStringMatch.load(idkPhrases)).version();
        }
    }

    private final Settings s;
    private final String baseFingerprint;
    private final String phraseListVersion;
    private final String dataDigest;
    private final Checkpoint.Options load;

    /** Reads no model: the base is fingerprinted from its files. Trains on CPU. */
    public Table2Experiment(Settings settings) {
        this(settings, Checkpoint.Options.defaults());
    }

    /** As {@link #Table2Experiment(Settings)}, each run loading the base for training with {@code load} (its device). */
    public Table2Experiment(Settings settings, Checkpoint.Options load) {
        this.s = settings;
        this.load = load;
        if (!Files.isDirectory(settings.base())) {
            throw new IllegalArgumentException("--base " + settings.base() + " is not a checkpoint folder");
        }
        this.baseFingerprint = CheckpointFingerprint.of(settings.base());
        this.phraseListVersion = settings.phraseListVersion();
        this.dataDigest = Digests.sha256(Json.compact(settings.items()));
    }

    /** Base first; then per seed: the methods at α 0.8 (0.8 = the default), then SEAT at every sweep α. */
    public static List<Run> plan(List<Method> methods, List<Double> sweep, List<Long> seeds, double alpha) {
        List<Run> runs = new ArrayList<>();
        runs.add(new Run(null, 0, 0));
        for (long seed : seeds) {
            for (Method m : methods) {
                runs.add(new Run(m, m.masked ? alpha : 0, seed));
            }
            for (double a : sweep) {
                Run r = new Run(Method.SEAT, a, seed);
                if (runs.stream().noneMatch(x -> x.name().equals(r.name()))) {
                    runs.add(r);
                }
            }
        }
        return runs;
    }

    /**
     * Every setting that changes the run's result. The base run is only evaluated, so its result
     * depends on the base, the data (the FT score) and the evaluation only.
     */
    public ObjectNode settings(Run r) {
        ObjectNode n = Json.object();
        n.put("method", r.method() == null ? "base" : r.method().id);
        n.put("base_fingerprint", baseFingerprint);
        n.put("data_sha256", dataDigest);
        n.put("examples", s.items().size());
        ObjectNode eval = n.putObject("eval").put("limit", s.evalLimit()).put("max_new_tokens", s.maxNewTokens())
                .put("idk_cs", s.idkCs()).put("idk_phrases", phraseListVersion);
        if (s.factual() != null) { // keys only when set, so the ids of runs made before they existed stay the same
            eval.put("factual_sha256", Digests.sha256(s.factual()));
        }
        if (s.benchmarks() != null) {
            n.set("benchmarks", s.benchmarks().settings());
        }
        if (r.method() != null) {
            n.put("alpha", r.alpha());
            n.put("seed", r.seed());
            n.set("method_config", Json.MAPPER.valueToTree(methodConfig(r)));
            n.put("lr_scale", s.lrScale());
            n.put("epochs", s.epochs());
            n.put("batch_size", s.batchSize());
        }
        return n;
    }

    /** The run's id: its name and the first 8 hex digits of its settings' digest, e.g. {@code seat-a0.8-s1-1f3a9c0d}. */
    public String id(Run r) {
        return r.name() + "-" + Digests.sha256(Json.compact(settings(r))).substring(0, 8);
    }

    private MethodConfig methodConfig(Run r) {
        return s.defaults().withMethod(r.method()).withAlpha(r.alpha()).withPerturbationSeed(r.seed());
    }

    public Path runFile(Run r) {
        return s.out().resolve("runs").resolve(id(r) + ".json");
    }

    /** Where a run keeps its answers (a gate run folder, {@link KeptAnswers}). */
    public Path answersDir(Run r) {
        return s.out().resolve("runs").resolve(id(r));
    }

    /** Where a run that failed leaves its error (removed when the run later succeeds). */
    public Path failureFile(Run r) {
        return s.out().resolve("failed").resolve(id(r) + ".txt");
    }

    /** As {@link #execute(List, int, GateEvaluation, Set)}, redoing no finished run. */
    public int execute(List<Run> plan, int maxRuns, GateEvaluation gate) throws IOException {
        return execute(plan, maxRuns, gate, Set.of());
    }

    /**
     * Runs what is not done yet, and the runs of {@code rerun} although they are (at most
     * {@code maxRuns} new runs; 0 = no cap); rebuilds the tables after each. A rerun's record
     * replaces the old one under the same id (same settings) once it finishes; until then the old
     * one stays. A run that fails (e.g. its gradients stay non-finite) is reported, its error kept
     * under {@code failed/}, and the others go on; running the command again retries it.
     *
     * @param rerun finished runs of {@code plan} to redo (see {@link #selectRuns})
     * @return the number of runs that finished
     */
    public int execute(List<Run> plan, int maxRuns, GateEvaluation gate, Set<Run> rerun) throws IOException {
        int done = 0;
        int attempted = 0;
        for (Run r : plan) {
            if (Files.exists(runFile(r)) && !rerun.contains(r)) {
                continue;
            }
            if (maxRuns > 0 && attempted >= maxRuns) {
                break;
            }
            attempted++;
            System.err.printf("seat experiment table2: run %s%n", id(r));
            ObjectNode result;
            try {
                result = runOne(r, gate);
            } catch (RuntimeException e) {
                System.err.printf("%nseat experiment table2: %s FAILED: %s%n", id(r), e.getMessage());
                Files.createDirectories(failureFile(r).getParent());
                AtomicFiles.writeString(failureFile(r), e + "\n");
                continue;
            }
            Files.deleteIfExists(failureFile(r));
            Files.createDirectories(runFile(r).getParent());
            Json.write(runFile(r), result);
            done++;
            writeTables();
            System.err.printf("seat experiment table2: %s done: ft %.3f idk_sm %.3f retained %.3f (%.0f s train, %.0f s eval)%n",
                    id(r), result.path("metrics").path("ft").asDouble(), result.path("metrics").path("idk_sm").asDouble(),
                    result.path("metrics").path("retained").asDouble(), result.path("train_seconds").asDouble(),
                    result.path("eval_seconds").asDouble());
        }
        writeTables();
        return done;
    }

    /**
     * The runs of {@code plan} that {@code namesOrIds} name, each by its name ({@code full-s0},
     * {@code seat-a0.8-s1}) or its id ({@code full-s0-db2897bd}).
     *
     * @throws IllegalArgumentException naming each entry that is no run of the plan, and the plan's runs
     */
    public Set<Run> selectRuns(List<Run> plan, List<String> namesOrIds) {
        Set<Run> selected = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String n : namesOrIds) {
            List<Run> match = plan.stream().filter(r -> r.name().equals(n.strip()) || id(r).equals(n.strip())).toList();
            if (match.isEmpty()) {
                unknown.add(n);
            }
            selected.addAll(match);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--rerun " + String.join(",", unknown) + ": no such run in this plan (its runs: "
                    + String.join(", ", plan.stream().map(this::id).toList()) + ")");
        }
        return selected;
    }

    /** Planned runs that have no result and whose last attempt failed. */
    public List<Run> failed(List<Run> plan) {
        return plan.stream().filter(r -> !Files.exists(runFile(r)) && Files.exists(failureFile(r))).toList();
    }

    private ObjectNode runOne(Run r, GateEvaluation gate) {
        ObjectNode out = Json.object();
        out.put("id", id(r));
        out.put("method", r.method() == null ? "base" : r.method().id);
        out.put("alpha", r.alpha());
        out.put("seed", r.seed());
        out.put("data", s.dataName());
        if (s.direction() != null) {
            out.put("direction", s.direction());
        }
        out.set("settings", settings(r));
        out.set("gate_sets", gate.sizes());
        try (Checkpoint cp = Checkpoint.load(s.base(), load)) {
            long t0 = System.nanoTime();
            if (r.method() != null) {
                MethodConfig mc = methodConfig(r);
                double lr = r.method().defaultLearningRate(cp.config()) * s.lrScale();
                TrainConfig tc = TrainConfig.builder(lr, s.epochs()).batchSize(s.batchSize()).seed(r.seed()).build();
                FineTune.Outcome o = FineTune.run(cp, s.items(), mc, tc,
                        FineTune.Options.defaults().world(FineTune.worldOf(s.base())).progress(ProgressReporter.console()));
                ObjectNode rec = o.record();
                rec.remove("log");
                out.set("training", rec);
                out.set(LossCurve.KEY, o.lossCurve().toJson()); // an output, not a setting: the id does not change
            }
            out.put("train_seconds", (System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            GateEvaluation.Measured measured = gate.measure(cp);
            out.set("metrics", measured.metrics());
            KeptAnswers.write(answersDir(r), id(r), Json.object().put("method", out.get("method").asText())
                    .put("alpha", r.alpha()).put("seed", r.seed()).put("base", s.base().toAbsolutePath().toString())
                    .put("base_fingerprint", baseFingerprint), r.method() == null ? baseFingerprint : null,
                    measured.answers(), gate.metricVersions());
            out.putObject("answers").put("dir", s.out().relativize(answersDir(r)).toString())
                    .put("idk_set", gate.idkSet()).put("case_study_set", gate.caseStudySet().name());
            out.put("eval_seconds", (System.nanoTime() - t1) / 1e9);
            if (s.benchmarks() != null) {
                long t2 = System.nanoTime();
                out.set("benchmarks", s.benchmarks().measure(cp, gate.cacheRoot()));
                out.put("benchmark_seconds", (System.nanoTime() - t2) / 1e9);
            }
        }
        return out;
    }

    /**
     * Rebuilds table2, sweep and kinds from the run files under the output folder that were made
     * with this experiment's settings; their headings come from those runs' records.
     */
    public void writeTables() throws IOException {
        List<JsonNode> runs = new ArrayList<>();
        int other = 0;
        Path dir = s.out().resolve("runs");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    JsonNode run = Json.read(f);
                    if (madeWithTheseSettings(run)) {
                        runs.add(withHumanLabels((ObjectNode) run));
                    } else {
                        other++;
                    }
                }
            }
        }
        if (other > 0) {
            System.err.printf("seat experiment table2: %d run files under %s were made with other settings (or record none)"
                    + " and are left out of the tables%n", other, dir);
        }
        List<ObjectNode> main = new ArrayList<>();
        List<ObjectNode> sweep = new ArrayList<>();
        List<JsonNode> mainRuns = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> g : groups(runs).entrySet()) {
            ObjectNode row = aggregate(g.getValue());
            boolean seatOffDefault = row.get("method").asText().equals("seat")
                    && Math.abs(row.get("alpha").asDouble() - s.defaults().alpha()) > 1e-9;
            if (!seatOffDefault) {
                main.add(row);
                mainRuns.addAll(g.getValue());
            }
            if (row.get("method").asText().equals("seat")) {
                sweep.add(row);
            }
        }
        sweep.sort((a, b) -> Double.compare(a.get("alpha").asDouble(), b.get("alpha").asDouble()));
        JsonNode gateSets = runs.isEmpty() ? Json.object() : runs.get(0).path("gate_sets");
        boolean world = runs.stream().noneMatch(r -> r.path("gate_sets").has("unverifiable"));
        write("table2", main, caption(world ? WORLD_TITLE : "Table 2 on " + s.base().getFileName(), runs), gateSets, world);
        write("sweep", sweep, "SEAT sparsity sweep (α = share of coordinates frozen)", gateSets, world);
        writeKinds(main);
        CaseStudy.write(s.out(), mainRuns);
        DownstreamBenchmarks.writeTable(s.out(), mainRuns);
    }

    /**
     * The run with {@code idk_ha} among its metrics when human labels of its IDK_SM set are in its
     * answers folder ({@link HumanLabels#read}, written by {@code seat sheets report}).
     */
    private ObjectNode withHumanLabels(ObjectNode run) {
        JsonNode answers = run.path("answers");
        if (!answers.has("dir") || !run.path("metrics").isObject()) {
            return run;
        }
        Optional<HumanLabels> labels = HumanLabels.read(s.out().resolve(answers.get("dir").asText()),
                answers.path("idk_set").asText());
        labels.ifPresent(l -> ((ObjectNode) run.get("metrics")).put(HumanLabels.IDK_HA, l.idkHa().mean()));
        return run;
    }

    /** The name of a run's row in the case study and Table 6: its method ({@code base} for the base). */
    static String rowName(JsonNode run) {
        return run.path("method").asText();
    }

    /** Whether a run record's settings are what this experiment would run for its method, α and seed. */
    private boolean madeWithTheseSettings(JsonNode run) {
        String method = run.path("method").asText();
        if (!run.has("settings") || method.isEmpty()) {
            return false;
        }
        Run r = new Run(method.equals("base") ? null : Method.parse(method), run.path("alpha").asDouble(),
                run.path("seed").asLong());
        return JsonDiff.differences(run.get("settings"), settings(r)).isEmpty();
    }

    static final String WORLD_TITLE = "Table 2 on the embedded world";

    /** The table's heading for a world base. */
    static String caption(List<JsonNode> runs) {
        return caption(WORLD_TITLE, runs);
    }

    /** The table's heading, from the settings the runs recorded (a trained run's, else the base's). */
    static String caption(String title, List<JsonNode> runs) {
        JsonNode run = runs.stream().filter(r -> !r.path("method").asText().equals("base")).findFirst()
                .orElse(runs.isEmpty() ? Json.object() : runs.get(0));
        JsonNode st = run.path("settings");
        StringBuilder c = new StringBuilder(title).append(": fine-tuned on ")
                .append(run.path("data").asText("no data recorded")).append(" (").append(st.path("examples").asInt())
                .append(" QA)");
        if (run.has("direction")) {
            c.append(", Table 3(a) direction ").append(run.get("direction").asText());
        }
        if (st.has("epochs")) {
            c.append(", ").append(st.path("epochs").asInt()).append(" epochs, batch ").append(st.path("batch_size").asInt());
            String positions = st.path("method_config").path("klPositions").asText();
            if (!positions.equals(KlPositions.ALL.name())) {
                c.append(", KL on ").append(KlPositions.valueOf(positions).id()).append(" positions");
            }
            double lrScale = st.path("lr_scale").asDouble(1);
            if (lrScale != 1) {
                c.append(String.format(Locale.ROOT, ", learning rates × %g", lrScale));
            }
        }
        return c.append("; mean ± sample std over seeds").toString();
    }

    private static Map<String, List<JsonNode>> groups(List<JsonNode> runs) {
        Map<String, List<JsonNode>> g = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(List.of("base"));
        for (Method m : Method.values()) {
            order.add(m.id);
        }
        runs.sort((a, b) -> {
            int c = Integer.compare(order.indexOf(a.get("method").asText()), order.indexOf(b.get("method").asText()));
            return c != 0 ? c : Double.compare(a.get("alpha").asDouble(), b.get("alpha").asDouble());
        });
        for (JsonNode r : runs) {
            g.computeIfAbsent(r.get("method").asText() + "@" + r.get("alpha").asDouble(), k -> new ArrayList<>()).add(r);
        }
        return g;
    }

    /** Mean and sample std of every numeric metric over the group's seeds. */
    static ObjectNode aggregate(List<JsonNode> group) {
        ObjectNode row = Json.object();
        JsonNode first = group.get(0);
        row.put("method", first.get("method").asText());
        row.put("alpha", first.get("alpha").asDouble());
        ArrayNode seeds = row.putArray("seeds");
        group.forEach(r -> seeds.add(r.get("seed").asLong()));
        ArrayNode ids = row.putArray("runs");
        group.forEach(r -> ids.add(r.path("id").asText()));
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (JsonNode r : group) {
            r.get("metrics").fields().forEachRemaining(e -> {
                if (e.getValue().isNumber()) {
                    values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().asDouble());
                }
            });
            if (r.has("train_seconds")) {
                values.computeIfAbsent("train_seconds", k -> new ArrayList<>()).add(r.get("train_seconds").asDouble());
            }
        }
        values.forEach((k, v) -> {
            MeanStderr m = MeanStderr.of(v);
            row.put(k, m.mean());
            if (m.n() > 1) { // one seed has no spread (MeanStderr's n < 2 rule): no _std key
                row.put(k + "_std", m.stddev());
            }
        });
        return row;
    }

    private void write(String name, List<ObjectNode> rows, String caption, JsonNode gateSets, boolean world) throws IOException {
        List<String> columns = shownColumns(rows, world);
        ObjectNode json = Json.object();
        json.put("caption", caption);
        json.set("gate_sets", gateSets);
        json.set("rows", Json.MAPPER.valueToTree(rows));
        Files.createDirectories(s.out());
        Json.write(s.out().resolve(name + ".json"), json);
        StringBuilder md = new StringBuilder("# ").append(caption).append("\n\n");
        md.append("| method | α | seeds |");
        columns.forEach(k -> md.append(' ').append(COLUMNS.get(k)).append(" |"));
        md.append("\n|---|---|---|").append("---|".repeat(columns.size())).append('\n');
        for (ObjectNode r : rows) {
            md.append("| ").append(r.get("method").asText()).append(" | ")
                    .append(isMasked(r.get("method").asText()) ? fmt(r.get("alpha").asDouble()) : "–").append(" | ")
                    .append(r.get("seeds").size()).append(" |");
            for (String k : columns) {
                md.append(' ').append(cell(r, k)).append(" |");
            }
            md.append('\n');
        }
        md.append("\nGate sets: ").append(Json.compact(gateSets)).append(". Columns: FT = ROUGE-1 recall on the fine-tuning")
                .append(" answers; ");
        if (world) {
            md.append("IDK_SM/IDK_CS on our unverifiable questions (fresh unknown entities of the base's world);")
                    .append(" LUNAR = LUNAR unverifiable questions; TOFU = IDK_SM on TOFU forget01 (unseen authors);")
                    .append(" retained = ROUGE-1 recall on facts the base knew, each asked in a world wording the base saw only")
                    .append(" for other facts; known refused = share of those refused; retained (novel) = the same on wordings")
                    .append(" never in the corpus;");
        } else {
            md.append("IDK_SM/IDK_CS on the gate's built-in unverifiable questions (fictitious things); unseen = the")
                    .append(" gate's built-in unseen entities;");
            if (columns.contains("idk_sm_lunar")) {
                md.append(" LUNAR = LUNAR unverifiable questions;");
            }
            if (columns.contains("idk_sm_tofu")) {
                md.append(" TOFU = IDK_SM on TOFU forget01 (unseen authors);");
            }
            md.append(" retained = ROUGE-1 recall on the gate's known facts; known refused = share of those refused;");
        }
        if (columns.contains("idk_sm_pistol")) {
            md.append(" PISTOL = IDK_SM on PISTOL's contract questions (unseen companies);");
        }
        if (columns.contains(HumanLabels.IDK_HA)) {
            md.append(" IDK_HA = share of the IDK_SM answers annotators judged refusals about the question (labelled runs")
                    .append(" only, `seat sheets`);");
        }
        md.append(" drift = largest relative activation drift from the base over layers;")
                .append(" train s = seconds of fine-tuning on this machine (2 CPU cores).\n");
        AtomicFiles.writeString(s.out().resolve(name + ".md"), md.toString());
    }

    private void writeKinds(List<ObjectNode> rows) throws IOException {
        List<String> kinds = new ArrayList<>();
        rows.forEach(r -> r.fieldNames().forEachRemaining(f -> {
            if (f.startsWith("refusal_") && !f.endsWith("_std") && !kinds.contains(f)) {
                kinds.add(f);
            }
        }));
        StringBuilder md = new StringBuilder("# Refusal rate (IDK_SM) per unknown-entity kind\n\n| method | α |");
        kinds.forEach(k -> md.append(' ').append(k.substring("refusal_".length())).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(kinds.size())).append('\n');
        for (ObjectNode r : rows) {
            md.append("| ").append(r.get("method").asText()).append(" | ")
                    .append(isMasked(r.get("method").asText()) ? fmt(r.get("alpha").asDouble()) : "–").append(" |");
            kinds.forEach(k -> md.append(' ').append(cell(r, k)).append(" |"));
            md.append('\n');
        }
        AtomicFiles.writeString(s.out().resolve("kinds.md"), md.toString());
    }

    private static boolean isMasked(String method) {
        return !method.equals("base") && Method.parse(method).masked;
    }

    private static String cell(ObjectNode r, String k) {
        if (!r.has(k)) {
            return "–";
        }
        String format = k.endsWith("seconds") ? "%.0f" : "%.3f";
        String mean = String.format(Locale.ROOT, format, r.get(k).asDouble());
        return r.has(k + "_std") ? mean + " ± " + String.format(Locale.ROOT, format, r.get(k + "_std").asDouble()) : mean;
    }

    static String fmt(double a) {
        return String.format(Locale.ROOT, "%s", a).replaceAll("\\.0$", ".0");
    }

    /** A world base's columns ({@link #WORLD_COLUMNS}) and any other column a row has; other bases: those a row has. */
    static List<String> shownColumns(List<ObjectNode> rows, boolean world) {
        return COLUMNS.keySet().stream().filter(k -> (world && WORLD_COLUMNS.contains(k)) || rows.stream().anyMatch(r -> r.has(k)))
                .toList();
    }

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("ft", "FT");
        c.put("idk_sm", "IDK_SM");
        c.put("idk_cs", "IDK_CS");
        c.put(HumanLabels.IDK_HA, "IDK_HA");
        c.put("idk_sm_unseen", "IDK_SM unseen");
        c.put("idk_cs_unseen", "IDK_CS unseen");
        c.put("idk_sm_lunar", "IDK_SM LUNAR");
        c.put("idk_cs_lunar", "IDK_CS LUNAR");
        c.put("idk_sm_tofu", "IDK_SM TOFU");
        c.put("idk_sm_pistol", "IDK_SM PISTOL");
        c.put("retained", "retained");
        c.put("known_refused", "known refused");
        c.put("retained_novel", "retained (novel)");
        c.put("drift", "drift");
        c.put("train_seconds", "train s");
        return c;
    }
}
