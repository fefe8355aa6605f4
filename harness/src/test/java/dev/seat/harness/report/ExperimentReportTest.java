package dev.seat.harness.report;

import static dev.seat.harness.report.GateReportTest.svgs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.LossCurve;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment report's loss curves: one series per method that recorded some, the others named. */
class ExperimentReportTest {
    @TempDir
    Path dir;

    /** 40 steps of a falling loss; with {@code kl}, the loss is ce + kl and both are parts. */
    private static LossCurve curve(double scale, boolean kl) {
        List<LossCurve.Point> steps = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            double ce = scale * 9 / i;
            double k = 0.05 + 0.001 * i;
            steps.add(new LossCurve.Point(i, (i - 1) / 10, kl ? ce + k : ce, kl ? Map.of("ce", ce, "kl", k) : Map.of()));
        }
        return LossCurve.of(steps);
    }

    private void run(String id, String method, double alpha, long seed, LossCurve curve) {
        ObjectNode r = Json.object().put("id", id).put("method", method).put("alpha", alpha).put("seed", seed);
        r.putObject("metrics").put("idk_sm", 0.5);
        if (curve != null) {
            r.set(LossCurve.KEY, curve.toJson());
        }
        Json.write(dir.resolve("runs").resolve(id + ".json"), r);
    }

    private void row(ArrayNode rows, String method, double alpha, List<String> runs) {
        ObjectNode row = rows.addObject().put("method", method).put("alpha", alpha).put("idk_sm", 0.5).put("drift", 0.4);
        ArrayNode seeds = row.putArray("seeds");
        for (int s = 0; s < runs.size(); s++) {
            seeds.add(s);
        }
        if (!runs.isEmpty()) {
            ArrayNode ids = row.putArray("runs");
            runs.forEach(ids::add);
        }
    }

    /** base (untrained), full (2 seeds, both with curves), seat (curves with parts), lora (a record from before curves). */
    private Path experiment() throws Exception {
        Files.createDirectories(dir.resolve("runs"));
        run("base-1", "base", 0, 0, null);
        run("full-s0-1", "full", 0, 0, curve(1, false));
        run("full-s1-1", "full", 0, 1, curve(1.2, false));
        run("seat-a0.8-s0-1", "seat", 0.8, 0, curve(0.8, true));
        run("lora-s0-1", "lora", 0, 0, null);
        ObjectNode table2 = Json.object().put("caption", "Table 2 on the embedded world");
        ArrayNode rows = table2.putArray("rows");
        row(rows, "base", 0, List.of("base-1"));
        row(rows, "full", 0, List.of("full-s0-1", "full-s1-1"));
        row(rows, "seat", 0.8, List.of("seat-a0.8-s0-1"));
        row(rows, "lora", 0, List.of("lora-s0-1"));
        Json.write(dir.resolve("table2.json"), table2);
        return dir;
    }

    private static String lossSection(String html) {
        int start = html.indexOf("<h2>Training loss per method</h2>");
        assertThat(start).as("the loss section is there").isPositive();
        return html.substring(start);
    }

    @Test
    void drawsOneSeriesPerMethodWithCurvesAndTheSeatPartsAndNamesTheOthers() throws Exception {
        String html = new ExperimentReport(experiment()).render();
        String loss = lossSection(html);
        List<String> charts = svgs(loss);

        assertThat(charts).as("the overview and SEAT's parts").hasSize(2);
        String overview = charts.get(0);
        assertThat(overview).contains(">Training loss<", ">optimizer step<", ">loss (log scale)<", ">full (2 seeds)<",
                ">seat α0.8 (1 seed)<").doesNotContain("lora", "base");
        assertThat(count(overview, "fill-opacity: ?0.25")).as("one shaded band per method with curves").isEqualTo(2);
        String parts = charts.get(1);
        assertThat(parts).contains(">seat α0.8 (1 seed): loss and its parts<", ">loss<", ">ce<", ">kl<",
                ">value (log scale)<");
        assertThat(count(parts, "fill-opacity: ?0.25")).as("loss, ce, kl").isEqualTo(3);
        assertThat(loss).contains("No loss curve recorded for lora (lora-s0-1): runs from before seat kept loss curves");
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?(https?:)?//")
                .doesNotContainPattern("(?i)url\\(\\s*[\"']?(https?:)?//").doesNotContain("<script");
    }

    @Test
    void aTableFromBeforeRowsListedTheirRunsFindsThemByMethodAlphaAndSeed() throws Exception {
        experiment();
        ObjectNode table2 = (ObjectNode) Json.read(dir.resolve("table2.json"));
        table2.get("rows").forEach(r -> ((ObjectNode) r).remove("runs"));
        Json.write(dir.resolve("table2.json"), table2);
        run("full-s0-other", "full", 0, 5, curve(3, false)); // a seed the table does not have

        String overview = svgs(lossSection(new ExperimentReport(dir).render())).get(0);

        assertThat(overview).contains(">full (2 seeds)<", ">seat α0.8 (1 seed)<");
    }

    @Test
    void runsWithoutAnyCurveSayWhyAndTheRestRenders() throws Exception {
        experiment();
        for (String id : List.of("full-s0-1", "full-s1-1", "seat-a0.8-s0-1")) {
            ObjectNode r = (ObjectNode) Json.read(dir.resolve("runs").resolve(id + ".json"));
            r.remove(LossCurve.KEY);
            Json.write(dir.resolve("runs").resolve(id + ".json"), r);
        }
        Files.writeString(dir.resolve("runs").resolve("lora-s0-1.json"), "{\"method\": \"lora\", \"loss_curve\": {\"step\": 3}}");

        String html = new ExperimentReport(dir).render();
        String loss = lossSection(html);

        assertThat(svgs(loss)).isEmpty();
        assertThat(loss).contains("No loss curves: no run record of a method in", "lora-s0-1.json: loss_curve needs the arrays",
                "No loss curve recorded for full (full-s0-1, full-s1-1); seat α0.8 (seat-a0.8-s0-1); lora (lora-s0-1)");
        assertThat(svgs(html)).as("the drift chart still renders").hasSize(1);
    }

    @Test
    void theMeanBandSpansTheSeeds() {
        List<double[]> rows = ExperimentReport.meanBand(List.of(curve(1, false), curve(2, false)), LossCurve.Point::loss);
        assertThat(rows).hasSize(40);
        assertThat(rows.get(0)).containsExactly(1, 13.5, 9, 18);
    }

    private static long count(String text, String regex) {
        return java.util.regex.Pattern.compile(regex).matcher(text).results().count();
    }
}
