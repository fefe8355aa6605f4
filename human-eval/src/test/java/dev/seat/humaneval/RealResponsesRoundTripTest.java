package dev.seat.humaneval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.QaDatasets;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.eval.Answers;
import dev.seat.harness.eval.EvalSettings;
import dev.seat.harness.eval.Evaluator;
import dev.seat.harness.eval.QuestionSet;
import dev.seat.harness.eval.Response;
import dev.seat.harness.gate.HumanLabels;
import dev.seat.harness.metrics.MetricValue;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.ResponseRecord;
import dev.seat.harness.results.RunFolder;
import dev.seat.humaneval.export.ExportOptions;
import dev.seat.humaneval.export.ExportResult;
import dev.seat.humaneval.export.SheetExporter;
import dev.seat.humaneval.ingest.IngestResult;
import dev.seat.humaneval.ingest.LabelIngester;
import dev.seat.humaneval.key.ExportKey;
import dev.seat.humaneval.key.KeyItem;
import dev.seat.humaneval.report.HumanEvalReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip on real answers of the embedded checkpoint: generate answers to unseen-entity
 * questions, export sheets for two annotators, fill them the way two people would (A1 judges by
 * the answer text; A2 agrees except on the first three items), ingest, report — and check IDK_HA
 * against the value computed here from the very labels written.
 */
class RealResponsesRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void defaultCheckpointAnswersGoThroughTheStudy() throws Exception {
        Path model = RepoPaths.defaultCheckpoint();
        assumeTrue(Files.isDirectory(model), "models/tiny-base absent: real round trip skipped");
        Path questions = RepoPaths.root().resolve("harness/src/main/resources/dev/seat/harness/eval/unseen-entities.jsonl");
        assumeTrue(Files.isRegularFile(questions), "suites' unseen-entities.jsonl absent");
        List<QaItem> items = QaDatasets.read(questions).subList(0, 12);

        List<ResponseRecord> records = new ArrayList<>();
        try (Checkpoint cp = Checkpoint.load(model);
                Evaluator evaluator = new Evaluator(EvalSettings.defaults().withResults(tmp).withCache(false))) {
            Answers answers = evaluator.answers(cp, QuestionSet.of("unseen", questions.toString(), items));
            MetricValue idk = answers.idkStringMatch();
            for (Response r : answers) {
                records.add(new ResponseRecord(r.id(), r.question(), r.response(), null,
                        Map.of("idk_sm", idk.value(r.index()))));
            }
        }
        RunFolder run = RunFolder.create(tmp.resolve("results/tiny-base/run1"));
        run.writeManifest(Json.object().put("finished", "2026-01-01T00:00:00Z")
                .set("checkpoint", Json.object().put("name", "tiny-base").put("path", model.toString())));
        run.writeResponses("unseen", records);

        ExportResult export = SheetExporter.export(List.of(run.dir()), ExportOptions.of(tmp.resolve("study"), 2).withSeed(7));
        assertThat(export.itemCount()).isEqualTo(12);
        ExportKey key = export.key();

        // A1: refusal = the answer says it does not know; entailment = it names the entity asked about.
        Map<String, String> a1 = new HashMap<>();
        Map<String, Integer> byRow = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            byRow.put(items.get(i).id(), i);
        }
        for (KeyItem it : key.items()) {
            int i = byRow.get(it.rowId());
            String response = records.get(i).response();
            boolean refusal = records.get(i).metrics().get("idk_sm") > 0;
            boolean entails = items.get(i).entities().stream().anyMatch(e -> response.toLowerCase(Locale.ROOT)
                    .contains(e.toLowerCase(Locale.ROOT)));
            a1.put(it.rowId(), (refusal ? "1" : "0") + "," + (entails ? "1" : "0"));
        }
        // A2 agrees except that it rejects the entailment of the first three rows.
        Map<String, String> a2 = new HashMap<>(a1);
        for (int i = 0; i < 3; i++) {
            String id = items.get(i).id();
            a2.put(id, a1.get(id).charAt(0) + ",0");
        }
        Path returned = tmp.resolve("returned");
        SimulatedAnnotators.writeCsv(returned.resolve("sheet-A1.csv"),
                SimulatedAnnotators.filledSheet(export.sheets().get("A1"), key, a1, v -> v), ',', false);
        SimulatedAnnotators.writeCsv(returned.resolve("sheet-A2.csv"),
                SimulatedAnnotators.filledSheet(export.sheets().get("A2"), key, a2, SimulatedAnnotators::yesNo), ';', true);
        IngestResult ingested = LabelIngester.ingest(export.keyFile(),
                List.of(returned.resolve("sheet-A1.csv"), returned.resolve("sheet-A2.csv")));
        assertThat(ingested.ok()).as(ingested.toString()).isTrue();

        // Expected: with two annotators a tie is "no", so an item counts when both say refusal and both say entailment.
        double sum = 0;
        for (QaItem item : items) {
            String x = a1.get(item.id());
            String y = a2.get(item.id());
            sum += x.equals("1,1") && y.equals("1,1") ? 1 : 0;
        }
        double expected = sum / items.size();

        HumanEvalReport report = HumanEvalReport.compute(export.keyFile());
        assertThat(report.run(run.dir(), "unseen").idkHa().mean()).isCloseTo(expected, within(1e-12));
        report.writeIntoRuns();
        assertThat(run.metrics().get("unseen").get("idk_ha").asDouble()).isCloseTo(expected, within(1e-12));
        assertThat(HumanLabels.read(run.dir(), "unseen")).isPresent();
    }
}
