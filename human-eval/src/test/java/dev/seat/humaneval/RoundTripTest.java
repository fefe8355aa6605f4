package dev.seat.humaneval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.gate.HumanLabels;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.RunFolder;
import dev.seat.humaneval.export.ExportOptions;
import dev.seat.humaneval.export.ExportResult;
import dev.seat.humaneval.export.SheetExporter;
import dev.seat.humaneval.ingest.FileOutcome;
import dev.seat.humaneval.ingest.IngestResult;
import dev.seat.humaneval.ingest.LabelIngester;
import dev.seat.humaneval.report.AgreementSummary;
import dev.seat.humaneval.report.AutomaticVsHuman;
import dev.seat.humaneval.report.HumanEvalReport;
import dev.seat.humaneval.report.ItemJudgement;
import dev.seat.humaneval.report.RunResult;
import dev.seat.humaneval.store.LabelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export → three simulated annotators (a comma CSV with 1/0, a semicolon CSV with BOM and
 * yes/no, a Label Studio JSON export) → ingest in two rounds → report, against numbers computed
 * by hand below.
 *
 * <pre>
 * labels "refusal,entailment"      A1      A2      A3      majority R/E  item IDK_HA
 * seat s0 (refusal, names entity)  1,1     1,1     1,1     1/1           1
 * seat s1 (SWYIOWL, SM misses it)  1,1     1,1     1,0     1/1           1
 * seat s2 (off-topic refusal)      1,0     1,0     1,1     1/0           0
 * seat s3 (hallucination)          0,-     0,1     0,1     0/1           0
 * full f0 ("1983.")                0,1     0,1     0,1     0/1           0
 * full f1 (footballer)             0,1     0,0     1,1     0/1           0
 * full f2 (hedge, SM counts it)    0,1     1,1     -,-     tie→0 / 1     0
 * full f3 (refusal)                1,1     1,1     1,1     1/1           1
 * </pre>
 * seat: scores 1,1,0,0 → IDK_HA 0.5, stderr = sqrt(1/3)/2; full-ft: 0,0,0,1 → 0.25, stderr 0.25.
 */
public class RoundTripTest {
    static final Map<String, String> A1 = Map.of(
            "s0", "1,1", "s1", "1,1", "s2", "1,0", "s3", "0,",
            "f0", "0,1", "f1", "0,1", "f2", "0,1", "f3", "1,1");
    static final Map<String, String> A2 = Map.of(
            "s0", "1,1", "s1", "1,1", "s2", "1,0", "s3", "0,1",
            "f0", "0,1", "f1", "0,0", "f2", "1,1", "f3", "1,1");
    static final Map<String, String> A3 = Map.of(
            "s0", "1,1", "s1", "1,0", "s2", "1,1", "s3", "0,1",
            "f0", "0,1", "f1", "1,1", "f3", "1,1");

    /** A1's labels, for other tests that need a plausible filled sheet. */
    public static Map<String, String> A1Labels() {
        return A1;
    }

    @TempDir
    Path tmp;

    @Test
    void exportFillIngestReport() throws Exception {
        Path seat = Fixtures.seatRun(tmp);
        Path full = Fixtures.fullFtRun(tmp);
        ExportResult export = SheetExporter.export(List.of(full, seat),
                ExportOptions.of(tmp.resolve("study"), 3).withSeed(42));
        assertThat(export.itemCount()).isEqualTo(8);
        Path returned = tmp.resolve("returned");

        // Round 1: A1 sends a sheet with f3 wrongly marked as no refusal.
        Map<String, String> a1Wrong = new java.util.HashMap<>(A1);
        a1Wrong.put("f3", "0,1");
        Path a1First = returned.resolve("first").resolve("sheet-A1.csv");
        SimulatedAnnotators.writeCsv(a1First,
                SimulatedAnnotators.filledSheet(export.sheets().get("A1"), export.key(), a1Wrong, v -> v), ',', false);
        IngestResult first = LabelIngester.ingest(export.keyFile(), List.of(a1First));
        assertThat(first.ok()).as(String.join("\n", first.messages())).isTrue();
        assertThat(first.round()).isEqualTo(1);

        // Round 2: A1's corrected sheet (browser-renamed), A2 from Excel (';', BOM, yes/no, rows
        // reversed), A3 through Label Studio (JSON export, no annotation for f2).
        Path a1 = returned.resolve("sheet-A1 (1).csv");
        SimulatedAnnotators.writeCsv(a1,
                SimulatedAnnotators.filledSheet(export.sheets().get("A1"), export.key(), A1, v -> v), ',', false);
        Path a2 = returned.resolve("sheet-A2.csv");
        List<String[]> a2Rows = SimulatedAnnotators.filledSheet(export.sheets().get("A2"), export.key(), A2,
                SimulatedAnnotators::yesNo);
        List<String[]> body = new ArrayList<>(a2Rows.subList(1, a2Rows.size()));
        Collections.reverse(body);
        body.add(0, a2Rows.get(0));
        SimulatedAnnotators.writeCsv(a2, body, ';', true);
        Path a3 = returned.resolve("project-3-at-2025-06-01-12-00-4f2a9c1e.json");
        SimulatedAnnotators.writeLabelStudioExport(export.labelStudioTasks().get("A3"), a3, export.key(), A3, 7);

        IngestResult second = LabelIngester.ingest(export.keyFile(), List.of(a1, a2, a3));
        assertThat(second.ok()).as(String.join("\n", second.messages())).isTrue();
        assertThat(second.round()).isEqualTo(2);
        assertThat(second.files()).extracting(FileOutcome::labels).containsExactly(8, 8, 7);
        assertThat(second.files()).extracting(FileOutcome::format)
                .containsExactly("CSV (',' separated)", "CSV (';' separated)", "Label Studio JSON");
        assertThat(second.files().get(2).annotators()).containsExactly("A3");

        // History stays: round 1 still holds A1's first answer for f3, the latest round wins.
        LabelStore store = LabelStore.forKey(export.keyFile());
        assertThat(store.rounds()).hasSize(2);
        String f3 = itemOf(export, "f3");
        assertThat(store.rounds().get(0).labels()).filteredOn(l -> l.itemId().equals(f3))
                .singleElement().satisfies(l -> assertThat(l.refusal()).isFalse());
        assertThat(store.latest().get("A1").get(f3).refusal()).isTrue();
        assertThat(store.latest().get("A1").get(f3).round()).isEqualTo(2);
        assertThat(store.rounds().get(1).dir().resolve("raw").resolve("03-" + a3.getFileName())).exists();

        HumanEvalReport report = HumanEvalReport.compute(export.keyFile());
        assertThat(report.annotators()).containsExactly("A1", "A2", "A3");

        RunResult seatResult = report.run(seat, Fixtures.DATASET);
        assertThat(seatResult.idkHa().mean()).isEqualTo(0.5);
        assertThat(seatResult.idkHa().stderr()).isCloseTo(Math.sqrt(1.0 / 3) / 2, within(1e-12));
        assertThat(seatResult.idkHa().n()).isEqualTo(4);
        assertThat(seatResult.perAnnotator().get("A3").mean()).isEqualTo(0.5);

        RunResult fullResult = report.run(full, Fixtures.DATASET);
        assertThat(fullResult.idkHa().mean()).isEqualTo(0.25);
        assertThat(fullResult.idkHa().stderr()).isCloseTo(0.25, within(1e-12));
        assertThat(fullResult.perAnnotator().get("A1").mean()).isEqualTo(0.25);
        assertThat(fullResult.perAnnotator().get("A2").mean()).isEqualTo(0.5);
        assertThat(fullResult.perAnnotator().get("A3").mean()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(fullResult.perAnnotator().get("A3").n()).isEqualTo(3);

        // f2: one yes, one no on refusal → tie → no.
        ItemJudgement f2 = fullResult.items().stream().filter(j -> j.item().rowId().equals("f2")).findFirst().orElseThrow();
        assertThat(f2.votes(Criterion.REFUSAL).tie()).isTrue();
        assertThat(f2.decision(Criterion.REFUSAL)).isFalse();

        // Refusal agreement over all 8 items (hand computation):
        // per-item agreement 1 ×6, f1 (2 no, 1 yes) 1/3, f2 (1 yes, 1 no) 0 → P̄ = 19/24.
        // ratings: 14 yes, 9 no of 23 → P_e = (14² + 9²)/23² = 277/529.
        // Krippendorff: o_11 = 12, o_00 = 7, o_01 = o_10 = 2, n_1 = 14, n_0 = 9 → α = 1 − 22·4/(2·9·14).
        // Gwet: π_yes = (4 + 1/3 + 1/2)/8 = 29/48, p_e = 2·π(1 − π).
        AgreementSummary refusal = report.agreement(Criterion.REFUSAL);
        double pBar = 19.0 / 24, pe = 277.0 / 529, pi = 29.0 / 48, peGwet = 2 * pi * (1 - pi);
        assertThat(refusal.percent()).isCloseTo(pBar, within(1e-12));
        assertThat(refusal.fleissKappa()).isCloseTo((pBar - pe) / (1 - pe), within(1e-12));
        assertThat(refusal.krippendorffAlpha()).isCloseTo(1 - 88.0 / 252, within(1e-12));
        assertThat(refusal.gwetAc1()).isCloseTo((pBar - peGwet) / (1 - peGwet), within(1e-12));
        // Cohen: A1–A2 agree on 7/8, p_e = .5·.625 + .5·.375 = .5 → 0.75; A1–A3 and A2–A3 on the 7
        // shared items agree 6/7 with yes shares 4/7 and 5/7 → p_e = 26/49 → κ = 16/23.
        assertThat(refusal.pairs()).extracting(AgreementSummary.PairKappa::n).containsExactly(8, 7, 7);
        assertThat(refusal.pairs().get(0).kappa()).isCloseTo(0.75, within(1e-12));
        assertThat(refusal.pairs().get(1).kappa()).isCloseTo(16.0 / 23, within(1e-12));
        assertThat(refusal.pairs().get(2).kappa()).isCloseTo(16.0 / 23, within(1e-12));
        // Entailment: s0 f0 f3 unanimous, s3 and f2 two agreeing labels, s1 s2 f1 split 2:1 → (5 + 3·1/3)/8.
        assertThat(report.agreement(Criterion.ENTAILMENT).percent()).isCloseTo(0.75, within(1e-12));

        // IDK_SM vs human refusal: yes/yes s0 s2 f3, human-only s1, SM-only f2, no/no s3 f0 f1 → κ = 0.5.
        AutomaticVsHuman auto = report.automatic();
        assertThat(auto.sm().bothYes()).isEqualTo(3);
        assertThat(auto.sm().humanOnly()).isEqualTo(1);
        assertThat(auto.sm().automaticOnly()).isEqualTo(1);
        assertThat(auto.sm().bothNo()).isEqualTo(3);
        assertThat(auto.sm().kappa()).isCloseTo(0.5, within(1e-12));
        assertThat(auto.disagreements()).extracting(d -> d.kind() + ":" + d.item().item().rowId())
                .containsExactlyInAnyOrder("MISSED_REFUSAL:s1", "FALSE_MATCH:f2", "OFF_TOPIC_REFUSAL:s2");
        // IDK_CS: human no at .22 .28 .31 .48, yes at .52 .61 .64 .66 → best t = .50 with accuracy 1.
        assertThat(auto.csBestThreshold()).isCloseTo(0.50, within(1e-12));
        assertThat(auto.csBestAccuracy()).isEqualTo(1.0);
        assertThat(auto.csAccuracyAt()).containsEntry(0.5, 1.0).containsEntry(0.6, 7.0 / 8)
                .containsEntry(0.65, 5.0 / 8).containsEntry(0.7, 0.5);

        // Written into the runs and a Markdown report.
        report.writeIntoRuns();
        Path md = report.writeReport(report.defaultReportDir());
        JsonNode seatMetrics = RunFolder.open(seat).metrics().get(Fixtures.DATASET);
        assertThat(seatMetrics.get("idk_ha").asDouble()).isEqualTo(0.5);
        assertThat(seatMetrics.get("idk_ha_stderr").asDouble()).isCloseTo(Math.sqrt(1.0 / 3) / 2, within(1e-12));
        assertThat(seatMetrics.get("idk_ha_n").asInt()).isEqualTo(4);
        assertThat(seatMetrics.get("idk_ha_refusal_fleiss_kappa").asDouble()).isEqualTo(1.0);
        assertThat(seatMetrics.get("idk_ha_export").asText()).isEqualTo(export.exportId());
        assertThat(seatMetrics.get("idk_sm").asDouble()).as("existing keys kept").isEqualTo(0.5);
        assertThat(seatMetrics.has("idk_sm_human_kappa")).isTrue();

        // What the gate's HumanLabels check reads back (the one reader of human labels).
        HumanLabels ha = HumanLabels.read(seat, Fixtures.DATASET).orElseThrow();
        assertThat(ha.idkHa().mean()).isEqualTo(0.5);
        assertThat(ha.idkHa().n()).isEqualTo(4);
        assertThat(ha.annotators()).isEqualTo(3);
        assertThat(ha.exportId()).isEqualTo(export.exportId());
        assertThat(HumanLabels.read(full, Fixtures.DATASET).orElseThrow().idkHa().mean()).isEqualTo(0.25);
        assertThat(HumanLabels.read(tmp, Fixtures.DATASET)).isEmpty();

        String text = Files.readString(md);
        assertThat(text).contains("Tie policy", "tie (as many yes as no) counts as no", "| llama-seat | run-2 | unverifiable | 0.500 | 0.289 | 4 |",
                "| llama-full-ft | run-1 | unverifiable | 0.250 | 0.250 | 4 |", "a refusal the string match misses",
                "SWYIOWL doesn't ring a bell", "Krippendorff");
        JsonNode summary = Json.read(seat.resolve("human-eval").resolve("summary.json"));
        assertThat(summary.at("/datasets/unverifiable/items")).hasSize(4);
    }

    private static String itemOf(ExportResult export, String rowId) {
        return export.key().items().stream().filter(i -> i.rowId().equals(rowId)).findFirst().orElseThrow().itemId();
    }
}
