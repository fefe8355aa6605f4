package dev.seat.humaneval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seat.harness.results.ResponseRecord;
import dev.seat.harness.results.RunFolder;
import dev.seat.humaneval.Fixtures;
import dev.seat.humaneval.HumanEvalException;
import dev.seat.harness.gate.HumanLabels;
import dev.seat.humaneval.export.ExportOptions;
import dev.seat.humaneval.export.ExportResult;
import dev.seat.humaneval.export.SheetExporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportEdgeCasesTest {
    @TempDir
    Path tmp;

    @Test
    void withoutLabelsIdkHaIsUndefinedAndHumanLabelsStaysEmpty() {
        Path seat = Fixtures.seatRun(tmp);
        ExportResult export = SheetExporter.export(List.of(seat), ExportOptions.of(tmp.resolve("s"), 2));
        HumanEvalReport report = HumanEvalReport.compute(export.keyFile());
        RunResult r = report.run(seat, Fixtures.DATASET);
        assertThat(r.idkHa().n()).isZero();
        assertThat(r.unlabelled()).isEqualTo(4);
        report.writeIntoRuns();
        assertThat(RunFolder.open(seat).metrics().at("/unverifiable/idk_ha").isNull()).isTrue();
        assertThat(RunFolder.open(seat).metrics().at("/unverifiable/idk_ha_n").asInt()).isZero();
        assertThat(HumanLabels.read(seat, Fixtures.DATASET)).isEmpty();
        assertThat(MarkdownReport.render(report)).contains("| llama-seat | run-2 | unverifiable | n/a | n/a | 0 | 4 |");
    }

    @Test
    void responsesRegeneratedAfterTheExportAreRefused() {
        Path seat = Fixtures.seatRun(tmp);
        ExportResult export = SheetExporter.export(List.of(seat), ExportOptions.of(tmp.resolve("s"), 1));
        List<ResponseRecord> changed = new ArrayList<>(Fixtures.seatResponses());
        changed.set(3, Fixtures.record("s3", changed.get(3).prompt(), "Velko Aranth was born in 1984.", 0, 0.3));
        RunFolder.open(seat).writeResponses(Fixtures.DATASET, changed);
        assertThatThrownBy(() -> HumanEvalReport.compute(export.keyFile()))
                .isInstanceOf(HumanEvalException.class)
                .hasMessageContaining("responses-unverifiable.jsonl: row 's3'")
                .hasMessageContaining("changed since the export");
    }

    @Test
    void tiePolicyAndItemScore() {
        assertThat(new MajorityVote(1, 1).decision()).isFalse();
        assertThat(new MajorityVote(1, 1).tie()).isTrue();
        assertThat(new MajorityVote(2, 1).decision()).isTrue();
        assertThat(new MajorityVote(0, 0).decision()).isNull();
        assertThat(MajorityVote.itemScore(true, true)).isTrue();
        assertThat(MajorityVote.itemScore(true, false)).isFalse();
        assertThat(MajorityVote.itemScore(false, null)).isFalse();
        assertThat(MajorityVote.itemScore(true, null)).isNull();
        assertThat(MajorityVote.itemScore(null, true)).isNull();
    }
}
