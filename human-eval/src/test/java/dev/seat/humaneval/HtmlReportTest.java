package dev.seat.humaneval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.results.ResponseRecord;
import dev.seat.humaneval.export.ExportOptions;
import dev.seat.humaneval.export.ExportResult;
import dev.seat.humaneval.export.SheetExporter;
import dev.seat.humaneval.ingest.IngestResult;
import dev.seat.humaneval.ingest.LabelIngester;
import dev.seat.humaneval.report.HtmlReport;
import dev.seat.humaneval.report.HumanEvalReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.html} of {@code seat sheets report} on a real export → fill → ingest → report round
 * trip: the labels of {@link RoundTripTest} (three annotators on the SEAT and full fine-tuning runs),
 * and bad input (no labels yet, a run whose responses have no idk_cs).
 */
class HtmlReportTest {
    @TempDir
    Path tmp;

    /** Exports {@code runs} with {@code overlap}, ingests each annotator's filled sheet (none: no labels); returns report.html. */
    private Path labelledReport(List<Path> runs, int overlap, Map<String, Map<String, String>> labels) throws Exception {
        ExportResult export = SheetExporter.export(runs, ExportOptions.of(tmp.resolve("study"), overlap).withSeed(42));
        List<Path> sheets = new ArrayList<>();
        for (var e : labels.entrySet()) {
            Path sheet = tmp.resolve("returned").resolve("sheet-" + e.getKey() + ".csv");
            SimulatedAnnotators.writeCsv(sheet, SimulatedAnnotators.filledSheet(export.sheets().get(e.getKey()), export.key(),
                    e.getValue(), v -> v), ',', false);
            sheets.add(sheet);
        }
        if (!sheets.isEmpty()) {
            IngestResult in = LabelIngester.ingest(export.keyFile(), sheets);
            assertThat(in.ok()).as(String.join("\n", in.messages())).isTrue();
        }
        HumanEvalReport report = HumanEvalReport.compute(export.keyFile());
        Path md = report.writeReport(report.defaultReportDir());
        return md.resolveSibling(HtmlReport.FILE);
    }

    @Test
    void everySectionOneRowPerItemDisagreementsFirstAndNoExternalUrl() throws Exception {
        Path html = labelledReport(List.of(Fixtures.fullFtRun(tmp), Fixtures.seatRun(tmp)), 3,
                Map.of("A1", RoundTripTest.A1, "A2", RoundTripTest.A2, "A3", RoundTripTest.A3));
        String page = Files.readString(html);

        assertThat(page).contains("<h2>Agreement between annotators</h2>", "<h2>IDK_HA against IDK_SM and IDK_CS per run</h2>",
                "<h2>Human majority against IDK_SM</h2>", "<h2>Per item</h2>", "annotators with labels: A1, A2, A3");
        String agreement = section(page, "Agreement between annotators");
        assertThat(agreement).as("refusal: 8 items, 8 rated twice, 3 annotators, percent agreement 19/24")
                .contains("<td>Refusal outcome</td><td class=\"num\">8</td><td class=\"num\">8</td><td class=\"num\">3</td>"
                        + "<td class=\"num\">0.7917</td>")
                .contains("<td>Refusal outcome</td><td>A1 – A2</td><td class=\"num\">8</td><td class=\"num\">0.7500</td>");

        String perRun = section(page, "IDK_HA against IDK_SM and IDK_CS per run");
        List<String> charts = svgs(perRun);
        assertThat(charts).hasSize(1);
        assertThat(charts.get(0)).contains(">run (dataset)<", ">score<", ">IDK_HA<", ">IDK_SM<", ">IDK_CS<");
        assertThat(perRun).contains("0.5000 ± 0.2887 (n=4)", "0.2500 ± 0.2500 (n=4)");

        String confusion = section(page, "Human majority against IDK_SM");
        assertThat(confusion).contains("<td class=\"agree\">3</td><td class=\"disagree\">1</td>",
                "<td class=\"disagree\">1</td><td class=\"agree\">3</td>", "Cohen's κ 0.5000");

        List<String> rows = rows(section(page, "Per item"));
        assertThat(rows).as("one row per item").hasSize(8);
        assertThat(rows.subList(0, 3)).allMatch(r -> r.contains("class=\"disagree\">disagree: "));
        assertThat(String.join("", rows.subList(0, 3))).contains("SWYIOWL doesn't ring a bell",
                "a refusal the string match misses", "the string match counts a reply that is not a refusal",
                "the string match counts a refusal that is not about the question");
        assertThat(rows.subList(3, 8)).allMatch(r -> r.contains("class=\"agree\">agree</td>"));
        assertThat(String.join("", rows)).as("f2's tie is shown").contains("no (1/1, tie)")
                .as("escaped").contains("&quot;quick, precise&quot;");

        assertThat(page).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?(https?:)?//")
                .doesNotContainPattern("(?i)url\\(\\s*[\"']?(https?:)?//").doesNotContain("<script").doesNotContain("<link");
    }

    @Test
    void withoutLabelsTheReportSaysWhatIsAbsentAndRendersTheRest() throws Exception {
        String page = Files.readString(labelledReport(List.of(Fixtures.seatRun(tmp)), 2, Map.of()));

        assertThat(section(page, "Agreement between annotators")).contains("No labels stored yet");
        String perRun = section(page, "IDK_HA against IDK_SM and IDK_CS per run");
        assertThat(perRun).contains("IDK_HA of llama-seat/run-2 (unverifiable): none of its 4 items is labelled yet");
        assertThat(svgs(perRun)).as("IDK_SM and IDK_CS still drawn").hasSize(1);
        assertThat(svgs(perRun).get(0)).contains(">IDK_SM<", ">IDK_CS<").doesNotContain(">IDK_HA<");
        assertThat(section(page, "Human majority against IDK_SM")).contains("no confusion matrix", "no labels stored yet");
        List<String> rows = rows(section(page, "Per item"));
        assertThat(rows).hasSize(4).allMatch(r -> r.contains("no human label"));
    }

    @Test
    void aRunWithoutIdkCsIsNamedAndTheOthersKeepTheirBars() throws Exception {
        List<ResponseRecord> noCs = Fixtures.seatResponses().stream()
                .map(r -> new ResponseRecord(r.id(), r.prompt(), r.response(), null, Map.of("idk_sm", r.metrics().get("idk_sm"))))
                .toList();
        Path plain = Fixtures.run(tmp, "llama-plain", "run-3", noCs);
        Path full = Fixtures.fullFtRun(tmp);

        String page = Files.readString(labelledReport(List.of(plain, full), 2,
                Map.of("A1", RoundTripTest.A1, "A2", RoundTripTest.A2)));

        String perRun = section(page, "IDK_HA against IDK_SM and IDK_CS per run");
        assertThat(perRun).contains("IDK_CS of llama-plain/run-3 (unverifiable): its responses have no idk_cs")
                .doesNotContain("IDK_CS of llama-full-ft");
        assertThat(svgs(perRun)).hasSize(1);
        assertThat(svgs(perRun).get(0)).contains(">IDK_HA<", ">IDK_SM<", ">IDK_CS<", ">llama-plain/run-3 <", ">(unverifiable)<");
        assertThat(rows(section(page, "Per item"))).hasSize(8);
    }

    /** The HTML from {@code <h2>title</h2>} to the next {@code <h2>}. */
    static String section(String page, String title) {
        int start = page.indexOf("<h2>" + title + "</h2>");
        assertThat(start).as("section " + title).isNotNegative();
        int end = page.indexOf("<h2>", start + 4);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    /** The body rows of the section's first table. */
    static List<String> rows(String section) {
        String table = section.substring(section.indexOf("<table>"), section.indexOf("</table>"));
        List<String> rows = new ArrayList<>(List.of(table.split("</tr>\n")));
        rows.remove(0); // the header
        return rows.stream().filter(r -> r.contains("<td")).toList();
    }

    static List<String> svgs(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
