package dev.seat.humaneval.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.ResponseRecord;
import dev.seat.harness.results.RunFolder;
import dev.seat.humaneval.HumanEvalException;
import dev.seat.humaneval.TextFingerprint;
import dev.seat.humaneval.key.AnnotatorSheet;
import dev.seat.humaneval.key.ExportKey;
import dev.seat.humaneval.key.ItemIds;
import dev.seat.humaneval.key.KeyItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns the responses of one or more run folders into blinded annotation sheets.
 *
 * <ol>
 *   <li>From each run and dataset, all responses or a random sample of {@code samplePerRun}.</li>
 *   <li>All of them pooled and shuffled with the seed; the position in that order becomes the
 *       item number, so ids say nothing about the run.</li>
 *   <li>Each item given to {@code overlap} annotators ({@link Assignment}).</li>
 *   <li>Each annotator's items shuffled again with an annotator seed derived from the seed.</li>
 * </ol>
 * Sheets, Label Studio tasks and instructions carry no checkpoint, method or run name. The key is
 * written last, so an interrupted export leaves no key and can simply be repeated.
 */
public final class SheetExporter {
    private SheetExporter() {}

    private record Source(Path run, String runId, String checkpoint, String fingerprint, String dataset,
                          ResponseRecord record) {}

    public static ExportResult export(List<Path> runs, ExportOptions options) {
        validate(runs, options);
        long seed = options.seed() != null ? options.seed() : new SecureRandom().nextLong();
        Path out = options.out().toAbsolutePath().normalize();
        Path keyFile = ExportLayout.keyFile(out);
        if (Files.exists(keyFile)) {
            ExportKey existing = ExportKey.read(keyFile);
            throw new HumanEvalException(out + " already holds export " + existing.exportId()
                    + " (" + keyFile + "); its labels would be orphaned. Choose another --out folder.");
        }

        List<Source> pool = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            pool.addAll(collect(runs.get(r), options, new Random(seed + 7919L * (r + 1))));
        }
        if (pool.isEmpty()) {
            throw new HumanEvalException("The runs hold no responses to export: " + runs);
        }
        Collections.shuffle(pool, new Random(seed));

        String exportId = ItemIds.newExportId();
        int n = options.annotators();
        int overlap = options.effectiveOverlap();
        List<List<Integer>> assignment = Assignment.assign(pool.size(), n, overlap);

        List<KeyItem> items = new ArrayList<>();
        Map<String, SheetWriter.Row> rows = new LinkedHashMap<>();
        List<List<String>> perAnnotator = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            perAnnotator.add(new ArrayList<>());
        }
        for (int i = 0; i < pool.size(); i++) {
            Source s = pool.get(i);
            String id = ItemIds.itemId(exportId, i + 1);
            List<String> names = assignment.get(i).stream().map(ExportLayout::annotatorName).toList();
            items.add(new KeyItem(id, s.run().toString(), s.runId(), s.checkpoint(), s.fingerprint(), s.dataset(),
                    s.record().id(), TextFingerprint.of(s.record().prompt()), TextFingerprint.of(s.record().response()),
                    names));
            rows.put(id, new SheetWriter.Row(id, s.record().prompt(), s.record().response()));
            for (int a : assignment.get(i)) {
                perAnnotator.get(a).add(id);
            }
        }

        Path annotatorDir = ExportLayout.annotatorFolder(out);
        Path lsDir = ExportLayout.labelStudioFolder(out);
        Map<String, Path> sheets = new LinkedHashMap<>();
        Map<String, Path> tasks = new LinkedHashMap<>();
        List<AnnotatorSheet> sheetsInKey = new ArrayList<>();
        int maxItems = 0;
        for (int a = 0; a < n; a++) {
            String name = ExportLayout.annotatorName(a);
            long orderSeed = seed + 1_000_003L * (a + 1);
            List<String> order = new ArrayList<>(perAnnotator.get(a));
            Collections.shuffle(order, new Random(orderSeed));
            List<SheetWriter.Row> sheetRows = order.stream().map(rows::get).toList();
            Path sheet = annotatorDir.resolve(ExportLayout.sheetName(name));
            Path task = lsDir.resolve(ExportLayout.tasksName(name));
            SheetWriter.write(sheet, sheetRows);
            LabelStudioExport.writeTasks(task, exportId, name, sheetRows);
            sheets.put(name, sheet);
            tasks.put(name, task);
            sheetsInKey.add(new AnnotatorSheet(name, orderSeed, sheet.getFileName().toString(),
                    task.getFileName().toString(), order));
            maxItems = Math.max(maxItems, order.size());
        }
        Path config = lsDir.resolve(LabelStudioExport.CONFIG_FILE);
        LabelStudioExport.writeConfig(config);
        Path instructions = annotatorDir.resolve("instructions.md");
        Instructions.write(instructions, exportId, maxItems);

        ExportKey key = new ExportKey(ExportKey.FORMAT, exportId, Instant.now().toString(), seed, overlap,
                options.samplePerRun(), sheetsInKey, items);
        key.write(keyFile);
        return new ExportResult(key, keyFile, sheets, tasks, config, instructions);
    }

    private static void validate(List<Path> runs, ExportOptions o) {
        if (runs == null || runs.isEmpty()) {
            throw new HumanEvalException("Give at least one run folder (--runs RUN_DIR...)");
        }
        if (o.out() == null) {
            throw new HumanEvalException("Give an output folder (--out DIR)");
        }
        if (o.annotators() < 1) {
            throw new HumanEvalException("--annotators must be at least 1, got " + o.annotators());
        }
        if (o.overlap() != null && (o.overlap() < 1 || o.overlap() > o.annotators())) {
            throw new HumanEvalException("--overlap must be between 1 and --annotators (" + o.annotators()
                    + "), got " + o.overlap());
        }
        if (o.samplePerRun() != null && o.samplePerRun() < 1) {
            throw new HumanEvalException("--sample must be at least 1, got " + o.samplePerRun());
        }
        if (runs.stream().map(p -> p.toAbsolutePath().normalize()).distinct().count() != runs.size()) {
            throw new HumanEvalException("A run folder is listed twice in --runs: " + runs);
        }
    }

    private static List<Source> collect(Path runDir, ExportOptions options, Random sampler) {
        Path run = runDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(run)) {
            throw new HumanEvalException("Run folder not found: " + run);
        }
        RunFolder folder = RunFolder.open(run);
        ObjectNode manifest;
        try {
            manifest = folder.manifest();
        } catch (RuntimeException e) {
            throw new HumanEvalException("Cannot read " + folder.manifestFile() + ": " + e.getMessage(), e);
        }
        if (!manifest.hasNonNull("finished")) {
            throw new HumanEvalException("Run folder " + run + " was not finished (its manifest.json has no 'finished'): "
                    + "the gate run was interrupted, so its answers may be incomplete. Rerun the gate on that checkpoint "
                    + "(its answers are cached, so it is quick) and export the new run folder");
        }
        JsonNode ckpt = manifest.path("checkpoint");
        String checkpoint = ckpt.hasNonNull("name") ? ckpt.get("name").asText()
                : run.getParent() != null ? run.getParent().getFileName().toString() : run.getFileName().toString();
        String fingerprint = ckpt.hasNonNull("fingerprint") ? ckpt.get("fingerprint").asText() : null;

        List<String> available = folder.datasets();
        List<String> datasets = options.datasets().isEmpty() ? available : options.datasets();
        if (available.isEmpty()) {
            throw new HumanEvalException("Run folder " + run + " has no responses-<dataset>.jsonl file");
        }
        List<Source> out = new ArrayList<>();
        for (String dataset : datasets) {
            if (!available.contains(dataset)) {
                throw new HumanEvalException("Run folder " + run + " has no responses for dataset '" + dataset
                        + "'; it has: " + String.join(", ", available));
            }
            List<ResponseRecord> records;
            try {
                records = new ArrayList<>(folder.readResponses(dataset));
            } catch (RuntimeException e) {
                throw new HumanEvalException(e.getMessage(), e);
            }
            checkRecords(folder.responsesFile(dataset), records);
            if (options.samplePerRun() != null && records.size() > options.samplePerRun()) {
                Collections.shuffle(records, sampler);
                records = new ArrayList<>(records.subList(0, options.samplePerRun()));
            }
            for (ResponseRecord r : records) {
                out.add(new Source(run, run.getFileName().toString(), checkpoint, fingerprint, dataset, r));
            }
        }
        return out;
    }

    private static void checkRecords(Path file, List<ResponseRecord> records) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            ResponseRecord r = records.get(i);
            if (r.id() == null || r.prompt() == null || r.response() == null) {
                throw new HumanEvalException(file + " record " + (i + 1)
                        + ": needs \"id\", \"prompt\" and \"response\" to be exported");
            }
            if (!seen.add(r.id())) {
                throw new HumanEvalException(file + " record " + (i + 1) + ": id '" + r.id()
                        + "' occurs twice; ids must be unique within a dataset");
            }
        }
    }
}
