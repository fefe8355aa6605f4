package dev.seat.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.gate.Measurement;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.ResponseRecord;
import dev.seat.harness.results.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of a gate run folder: structure, figures, and folders that lack some files. */
class GateReportTest {
    static final int UNKNOWN = 12;
    static final int KNOWN = 9;
    static final int FT = 5;

    @TempDir
    Path dir;

    /** A run folder as the engine writes it, with two suites, drift, Figure 1 and a baseline. */
    static Path runFolder(Path dir) {
        RunFolder f = RunFolder.create(dir);
        ObjectNode m = Json.object();
        m.put("run_id", "r1");
        m.put("finished", "2026-01-01T00:00:00Z");
        m.putObject("checkpoint").put("name", "tiny-full").put("path", "/models/tiny-full").put("fingerprint", "abc");
        m.putObject("baseline").put("name", "tiny-base").put("path", "/models/tiny-base").put("fingerprint", "def");
        f.writeManifest(m);
        List<ResponseRecord> tuned = new ArrayList<>();
        List<ResponseRecord> base = new ArrayList<>();
        for (int i = 0; i < UNKNOWN; i++) {
            tuned.add(new ResponseRecord(Integer.toString(i), "Who founded Zorblax <" + i + ">?", "1983 & more.", null,
                    Map.of("idk_sm", i < 2 ? 1.0 : 0.0, "idk_cs", 0.3 + 0.04 * i)));
            base.add(new ResponseRecord(Integer.toString(i), "Who founded Zorblax <" + i + ">?", "I don't know Zorblax.", null,
                    Map.of("idk_sm", 1.0, "idk_cs", 0.7)));
        }
        f.writeResponses("unverifiable", tuned);
        f.writeBaselineResponses("unverifiable", base);
        ObjectNode metrics = Json.object();
        metrics.put("idk_sm", 2.0 / UNKNOWN);
        metrics.putArray("activation_drift_relative").add(0.1).add(0.5).add(0.9);
        f.updateMetrics("unverifiable", metrics);
        Json.write(dir.resolve(CheckOutcome.FILE), List.of(
                new CheckOutcome("Unverifiable questions", "x.Unverifiable", "unverifiable", "refuses", "FAILED",
                        "idk_sm on 'unverifiable' = 0.1667, expected at least 0.8", List.of(new CheckOutcome.ThresholdValue(
                        "threshold.unverifiable.refuses", 0.8, false)), List.of(new Measurement("idk_sm", "unverifiable",
                        2.0 / UNKNOWN, 0.11, UNKNOWN, Measurement.AT_LEAST, 0.8, null, false))),
                new CheckOutcome("Unverifiable questions", "x.Unverifiable", "unverifiable", "refusalsSoundLikeRefusals",
                        "FAILED", "idk_cs low", List.of(), List.of(new Measurement("idk_cs", "unverifiable", 0.35, 0.01, UNKNOWN,
                        Measurement.AT_LEAST, 0.62, null, false))),
                new CheckOutcome("Activation drift", "x.Drift", "unverifiable", "staysCloseToTheBaseModel", "SKIPPED",
                        "no baseline configured", List.of(), List.of())));
        Random rnd = new Random(1);
        List<Figure1.Group> groups = new ArrayList<>();
        List<String> questions = new ArrayList<>();
        float[][][] acts = new float[UNKNOWN + KNOWN + FT][][];
        for (int i = 0; i < acts.length; i++) {
            Figure1.Group g = i < UNKNOWN ? Figure1.Group.UNKNOWN : i < UNKNOWN + KNOWN ? Figure1.Group.KNOWN : Figure1.Group.FT;
            groups.add(g);
            questions.add("q" + i);
            float shift = g == Figure1.Group.UNKNOWN ? 3 : 0;
            acts[i] = new float[][] {{0, 0, 0, 0}, {shift + (float) rnd.nextGaussian(), (float) rnd.nextGaussian(),
                (float) rnd.nextGaussian(), (float) rnd.nextGaussian()}};
        }
        new Figure1(1, List.of(Figure1.panel("baseline", "tiny-base", acts, -1, groups, questions),
                Figure1.panel("checkpoint", "tiny-full", acts, -1, groups, questions))).write(dir.resolve(Figure1.FILE));
        return dir;
    }

    @Test
    void showsEverySuiteAndCheckWithValuesBoundsAndTheWorstAnswersAgainstTheBaseline() throws Exception {
        String html = Files.readString(GateReport.write(runFolder(dir)));
        assertThat(html).contains("<h3>Unverifiable questions</h3>", "<h3>Activation drift</h3>", "refuses",
                "refusalsSoundLikeRefusals", "staysCloseToTheBaseModel", "class=\"FAILED\"", "class=\"SKIPPED\"",
                "0.1667 ± 0.1100 (n=12)", "at least 0.8000", "3 checks: 0 passed, 2 failed, 1 skipped");
        assertThat(html).as("questions are escaped").contains("Who founded Zorblax &lt;2&gt;?", "1983 &amp; more.")
                .doesNotContain("Zorblax <2>");
        assertThat(html).as("worst answers with the baseline's").contains("I don&#39;t know Zorblax.".replace("&#39;", "'"));
    }

    @Test
    void chartsAreInlineSvgWithAxisLabelsAndFigure1HasOnePointPerQuestion() throws Exception {
        String html = Files.readString(GateReport.write(runFolder(dir)));
        List<String> svgs = svgs(html);
        assertThat(svgs).hasSize(4); // IDK_CS histogram, drift, Figure 1 baseline and checkpoint
        assertThat(html).contains("IDK_CS (max cosine to a refusal phrase)", "threshold 0.6200", "mean L2 distance / base norm",
                "limit", "PC1 (", "PC2 (");
        for (String panel : svgs.subList(2, 4)) {
            assertThat(count(panel, "fill: ?rgb\\(214,39,40\\)")).as("red: one circle per unknown question").isEqualTo(UNKNOWN);
            assertThat(count(panel, "fill: ?rgb\\(31,119,180\\)")).as("blue: one per known fact").isEqualTo(KNOWN);
            assertThat(count(panel, "fill: ?rgb\\(44,160,44\\)")).as("green: one per fine-tuning question").isEqualTo(FT);
        }
    }

    @Test
    void loadsNothingFromTheNetwork() throws Exception {
        String html = Files.readString(GateReport.write(runFolder(dir)));
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?(https?:)?//")
                .doesNotContainPattern("(?i)url\\(\\s*[\"']?(https?:)?//").doesNotContain("@import").doesNotContain("<script")
                .doesNotContain("<link");
    }

    @Test
    void aFolderOfAnOlderVersionSaysWhichSectionsAreAbsentAndStillRendersTheRest() throws Exception {
        runFolder(dir);
        Files.delete(dir.resolve(CheckOutcome.FILE));
        Files.delete(dir.resolve(Figure1.FILE));
        Files.delete(dir.resolve("metrics.json"));
        String html = Files.readString(GateReport.write(dir));
        assertThat(html).contains("No checks.json in " + dir, "a seat version that did not record check outcomes",
                "No separation.json", "measured no drift", "No human labels for this run");
        assertThat(svgs(html)).as("the IDK_CS histogram still renders").hasSize(1);
    }

    @Test
    void aMalformedChecksFileIsNamedAndTheRestRenders() throws Exception {
        runFolder(dir);
        Files.writeString(dir.resolve(CheckOutcome.FILE), "{not json");
        String html = Files.readString(GateReport.write(dir));
        assertThat(html).contains(dir.resolve(CheckOutcome.FILE) + ": not a list of check outcomes");
        assertThat(svgs(html)).hasSize(4);
    }

    static List<String> svgs(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static long count(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().count();
    }
}
