package dev.seat.humaneval.report;

import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.ResponseRecord;
import dev.seat.harness.results.RunFolder;
import dev.seat.humaneval.Criterion;
import dev.seat.humaneval.HumanEvalException;
import dev.seat.humaneval.TextFingerprint;
import dev.seat.humaneval.key.ExportKey;
import dev.seat.humaneval.key.KeyItem;
import dev.seat.humaneval.store.LabelStore;
import dev.seat.humaneval.store.StoredLabel;
import dev.seat.harness.metrics.MeanStderr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * IDK_HA and agreement of one export, from the latest stored labels.
 *
 * <p>{@link #compute(Path)} reads the key, the label store and the run folders (a response that
 * changed since the export is an error: its labels would describe another text).
 * {@link #writeIntoRuns()} adds the numbers to each run's {@code metrics.json} (read back by
 * {@link dev.seat.harness.gate.HumanLabels}) and writes {@code human-eval/summary.json} there;
 * {@link #writeReport(Path)} writes {@code human-eval-report.md}, {@code .json} and {@code report.html}.
 */
public final class HumanEvalReport {
    private final ExportKey key;
    private final Path keyFile;
    private final int rounds;
    private final List<String> unreadableRounds;
    private final List<String> annotators;
    private final List<RunResult> runs;
    private final List<ItemJudgement> allItems;
    private final AgreementSummary refusalAgreement;
    private final AgreementSummary entailmentAgreement;
    private final AutomaticVsHuman automatic;

    private HumanEvalReport(ExportKey key, Path keyFile, int rounds, List<String> unreadableRounds,
                            List<String> annotators, List<RunResult> runs, List<ItemJudgement> allItems) {
        this.key = key;
        this.keyFile = keyFile;
        this.rounds = rounds;
        this.unreadableRounds = unreadableRounds;
        this.annotators = annotators;
        this.runs = runs;
        this.allItems = allItems;
        this.refusalAgreement = AgreementSummary.of(Criterion.REFUSAL, allItems, annotators);
        this.entailmentAgreement = AgreementSummary.of(Criterion.ENTAILMENT, allItems, annotators);
        this.automatic = AutomaticVsHuman.of(allItems);
    }

    public static HumanEvalReport compute(Path keyFile) {
        ExportKey key = ExportKey.read(keyFile);
        LabelStore.Contents store = LabelStore.forKey(keyFile).read();
        int rounds = store.rounds().size();
        Map<String, Map<String, StoredLabel>> latest = store.latest();
        Map<String, Map<String, StoredLabel>> byItem = new TreeMap<>();
        latest.forEach((annotator, items) -> items.forEach((id, label) ->
                byItem.computeIfAbsent(id, i -> new TreeMap<>()).put(annotator, label)));
        List<String> annotators = new ArrayList<>(new TreeSet<>(latest.keySet()));

        Map<KeyItem.RunDataset, List<KeyItem>> groups = new LinkedHashMap<>();
        for (KeyItem item : key.items()) {
            groups.computeIfAbsent(item.runDataset(), g -> new ArrayList<>()).add(item);
        }
        List<RunResult> runs = new ArrayList<>();
        List<ItemJudgement> all = new ArrayList<>();
        groups.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        java.util.Comparator.comparing(KeyItem.RunDataset::run).thenComparing(KeyItem.RunDataset::dataset)))
                .forEach(e -> {
                    List<ItemJudgement> items = judgements(e.getKey(), e.getValue(), byItem);
                    all.addAll(items);
                    runs.add(score(e.getKey(), e.getValue().get(0), items));
                });
        return new HumanEvalReport(key, keyFile, rounds, store.unreadable(), annotators, runs, all);
    }

    private static List<ItemJudgement> judgements(KeyItem.RunDataset group, List<KeyItem> items,
                                                  Map<String, Map<String, StoredLabel>> byItem) {
        Path run = Path.of(group.run());
        if (!Files.isDirectory(run)) {
            throw new HumanEvalException("Run folder of the export not found: " + run
                    + " (the key lists it for " + items.size() + " items)");
        }
        RunFolder folder = RunFolder.open(run);
        Map<String, ResponseRecord> records = new LinkedHashMap<>();
        for (ResponseRecord r : folder.readResponses(group.dataset())) {
            records.put(r.id(), r);
        }
        List<ItemJudgement> out = new ArrayList<>();
        for (KeyItem item : items) {
            ResponseRecord r = records.get(item.rowId());
            Path file = folder.responsesFile(group.dataset());
            if (r == null) {
                throw new HumanEvalException(file + ": row '" + item.rowId() + "' of item " + item.itemId()
                        + " is no longer there; the labels of export " + item.itemId().split("-")[0]
                        + " belong to the responses as exported");
            }
            if (!TextFingerprint.matches(r.response(), item.responseSha256())
                    || !TextFingerprint.matches(r.prompt(), item.questionSha256())) {
                throw new HumanEvalException(file + ": row '" + item.rowId() + "' (item " + item.itemId()
                        + ") changed since the export; its labels describe the old text. Export the run again.");
            }
            out.add(new ItemJudgement(item, r, byItem.getOrDefault(item.itemId(), Map.of())));
        }
        return out;
    }

    private static RunResult score(KeyItem.RunDataset group, KeyItem first, List<ItemJudgement> items) {
        List<Integer> scores = new ArrayList<>();
        int unlabelled = 0, incomplete = 0;
        TreeSet<String> annotators = new TreeSet<>();
        for (ItemJudgement j : items) {
            annotators.addAll(j.labels().keySet());
            Boolean s = j.score();
            if (s != null) {
                scores.add(s ? 1 : 0);
            } else if (j.decision(Criterion.REFUSAL) == null) {
                unlabelled++;
            } else {
                incomplete++;
            }
        }
        Map<String, MeanStderr> perAnnotator = new TreeMap<>();
        for (String a : annotators) {
            List<Integer> own = new ArrayList<>();
            for (ItemJudgement j : items) {
                Boolean s = j.scoreBy(a);
                if (s != null) {
                    own.add(s ? 1 : 0);
                }
            }
            perAnnotator.put(a, MeanStderr.of(own));
        }
        List<String> names = new ArrayList<>(annotators);
        return new RunResult(group, first.runId(), first.checkpoint(), items, MeanStderr.of(scores), unlabelled,
                incomplete, names, perAnnotator, AgreementSummary.of(Criterion.REFUSAL, items, names),
                AgreementSummary.of(Criterion.ENTAILMENT, items, names), AutomaticVsHuman.of(items));
    }

    /** Adds idk_ha and agreement keys to each run's metrics.json and writes its human-eval/summary.json. */
    public void writeIntoRuns() {
        Map<String, List<RunResult>> byRun = new LinkedHashMap<>();
        for (RunResult r : runs) {
            byRun.computeIfAbsent(r.run(), k -> new ArrayList<>()).add(r);
        }
        for (var e : byRun.entrySet()) {
            RunFolder folder = RunFolder.open(Path.of(e.getKey()));
            for (RunResult r : e.getValue()) {
                folder.updateMetrics(r.dataset(), ReportJson.metrics(key.exportId(), r));
            }
            RunSummaryFile.update(folder.dir(), key.exportId(), e.getValue());
        }
    }

    /**
     * Writes human-eval-report.md, human-eval-report.json and {@value HtmlReport#FILE} (charts and
     * per-item table, {@link HtmlReport}) into the folder; returns the .md.
     */
    public Path writeReport(Path outDir) {
        Path md = outDir.resolve("human-eval-report.md");
        AtomicFiles.writeString(md, MarkdownReport.render(this));
        Json.write(outDir.resolve("human-eval-report.json"), ReportJson.report(this));
        AtomicFiles.writeString(outDir.resolve(HtmlReport.FILE), HtmlReport.render(this));
        return md;
    }

    /** The default report folder: {@code report/} in the export folder. */
    public Path defaultReportDir() {
        Path privateDir = keyFile.toAbsolutePath().normalize().getParent();
        return privateDir.getParent().resolve("report");
    }

    public ExportKey key() {
        return key;
    }

    public int rounds() {
        return rounds;
    }

    /** One message per stored round that could not be read and whose labels are therefore not counted. */
    public List<String> unreadableRounds() {
        return unreadableRounds;
    }

    public List<String> annotators() {
        return annotators;
    }

    public List<RunResult> runs() {
        return runs;
    }

    public List<ItemJudgement> items() {
        return allItems;
    }

    public AgreementSummary agreement(Criterion c) {
        return c == Criterion.REFUSAL ? refusalAgreement : entailmentAgreement;
    }

    public AutomaticVsHuman automatic() {
        return automatic;
    }

    /** The result of one run folder and dataset. */
    public RunResult run(Path runDir, String dataset) {
        String wanted = runDir.toAbsolutePath().normalize().toString();
        return runs.stream().filter(r -> r.run().equals(wanted) && r.dataset().equals(dataset)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("export has no items of " + wanted + " / " + dataset));
    }
}
