package dev.seat.harness.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seat.harness.data.QaDatasets;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.hub.FakeHub;
import dev.seat.harness.hub.Hub;
import dev.seat.harness.hub.HubSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark data from Parquet files on the Hub: the built-in arc_easy task reads
 * {@code allenai/ai2_arc}'s Parquet files (here written by DuckDB and served by {@link FakeHub})
 * when its data file is in no local folder.
 */
class HubDataTest {
    static final String COMMIT = "1111111111222222222233333333334444444444";
    static final String ROW = "SELECT '%s' AS id, '%s' AS question, {'text': ['red', 'blue', 'green'], 'label': ['A', 'B', 'C']} AS choices, '%s' AS \"answerKey\"";

    @TempDir
    Path tmp;
    FakeHub fake;

    @BeforeEach
    void serveArc() throws Exception {
        Path test = tmp.resolve("test.parquet");
        Path train = tmp.resolve("train.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("COPY (" + String.format(ROW, "t1", "What colour is the sky?", "B") + " UNION ALL "
                    + String.format(ROW, "t2", "What colour is grass?", "C") + " UNION ALL "
                    + String.format(ROW, "t3", "What colour is a tomato?", "A") + " ORDER BY id) TO '" + test + "' (FORMAT PARQUET)");
            st.execute("COPY (" + String.format(ROW, "x1", "What colour is the sea?", "B") + ") TO '" + train + "' (FORMAT PARQUET)");
        }
        fake = new FakeHub();
        fake.add("datasets/allenai/ai2_arc", COMMIT, Map.of(
                "ARC-Easy/test-00000-of-00001.parquet", Files.readAllBytes(test),
                "ARC-Easy/train-00000-of-00001.parquet", Files.readAllBytes(train),
                "ARC-Challenge/test-00000-of-00001.parquet", Files.readAllBytes(test)), null);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    Hub hub(boolean offline) {
        return new Hub(new HubSettings(fake.endpoint(), tmp.resolve("hub"), Optional.empty(), offline));
    }

    @Test
    void parquetRowsKeepTheirOrderAndNesting() {
        List<JsonRows.Row> rows = JsonRows.read(tmp.resolve("test.parquet"));

        assertThat(rows).extracting(r -> r.node().toString()).containsExactly(
                "{\"id\":\"t1\",\"question\":\"What colour is the sky?\",\"choices\":{\"text\":[\"red\",\"blue\",\"green\"],"
                        + "\"label\":[\"A\",\"B\",\"C\"]},\"answerKey\":\"B\"}",
                "{\"id\":\"t2\",\"question\":\"What colour is grass?\",\"choices\":{\"text\":[\"red\",\"blue\",\"green\"],"
                        + "\"label\":[\"A\",\"B\",\"C\"]},\"answerKey\":\"C\"}",
                "{\"id\":\"t3\",\"question\":\"What colour is a tomato?\",\"choices\":{\"text\":[\"red\",\"blue\",\"green\"],"
                        + "\"label\":[\"A\",\"B\",\"C\"]},\"answerKey\":\"A\"}");
        assertThat(rows.get(2).line()).isEqualTo(3);
    }

    @Test
    void questionAnswerDatasetsReadParquetRows() throws Exception {
        Path qa = tmp.resolve("qa.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("COPY (SELECT 'Who wrote Hamlet?' AS question, 'Shakespeare' AS answer UNION ALL "
                    + "SELECT 'Who is Zorblat?', 'I do not know' ORDER BY answer DESC) TO '" + qa + "' (FORMAT PARQUET)");
        }

        List<QaItem> items = QaDatasets.read(qa);

        assertThat(items).extracting(QaItem::id, QaItem::question, QaItem::answer).containsExactly(
                org.assertj.core.groups.Tuple.tuple("0", "Who wrote Hamlet?", "Shakespeare"),
                org.assertj.core.groups.Tuple.tuple("1", "Who is Zorblat?", "I do not know"));
    }

    @Test
    void arcEasyFetchesItsDataFromTheHubWhenNoLocalFolderHasIt() {
        TaskDefinition arc = TaskRegistry.builtins().task("arc_easy");
        PreparedTask p = new TaskRunner(DataLocator.withHub(tmp.resolve("empty"), hub(false))).prepare(arc, 2, 1);

        assertThat(p.originalSize()).isEqualTo(3);
        assertThat(p.contexts()).containsExactly(
                "Question: What colour is the sea?\nAnswer: blue\n\nQuestion: What colour is the sky?\nAnswer:",
                "Question: What colour is the sea?\nAnswer: blue\n\nQuestion: What colour is grass?\nAnswer:");
        assertThat(arc.goldIndex(p.docs().get(1), arc.choices(p.docs().get(1)))).isEqualTo(2);
        assertThat(fake.requests).noneMatch(r -> r.contains("ARC-Challenge"));
        assertThat(tmp.resolve("hub/datasets--allenai--ai2_arc/snapshots/" + COMMIT + "/ARC-Easy/test-00000-of-00001.parquet"))
                .exists();

        fake.requests.clear(); // offline now, from the cache
        PreparedTask again = new TaskRunner(DataLocator.withHub(tmp.resolve("empty"), hub(true))).prepare(arc, 2, 1);
        assertThat(again.contexts()).isEqualTo(p.contexts());
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void offlineWithoutTheDataTheErrorSaysWhatToDo() {
        TaskDefinition arc = TaskRegistry.builtins().task("arc_easy");

        assertThatThrownBy(() -> new TaskRunner(DataLocator.withHub(tmp.resolve("empty"), hub(true))).prepare(arc, 2, 0))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("Task arc_easy: data file 'arc/arc_easy.jsonl' is not in the data folder")
                .hasMessageContaining("HF_HUB_OFFLINE=1 forbids downloading it")
                .hasMessageContaining("pass --data-dir DIR")
                .hasMessageContaining("./seat pull allenai/ai2_arc --repo-type dataset --include 'ARC-Easy/test-*.parquet'");
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void aLocalCopyWinsAndFewshotExamplesThenStayLocal() throws Exception {
        Path data = tmp.resolve("data/arc");
        Files.createDirectories(data);
        Files.writeString(data.resolve("arc_easy.jsonl"), "{\"id\": \"l1\", \"question\": \"Local?\", \"choices\": "
                + "{\"text\": [\"yes\", \"no\"], \"label\": [\"A\", \"B\"]}, \"answerKey\": \"A\"}\n"
                + "{\"id\": \"l2\", \"question\": \"Here?\", \"choices\": "
                + "{\"text\": [\"yes\", \"no\"], \"label\": [\"A\", \"B\"]}, \"answerKey\": \"B\"}\n");
        TaskDefinition arc = TaskRegistry.builtins().task("arc_easy");

        PreparedTask p = new TaskRunner(DataLocator.withHub(tmp.resolve("data"), hub(false))).prepare(arc, null, 0);

        assertThat(p.contexts()).containsExactly("Question: Local?\nAnswer:", "Question: Here?\nAnswer:");
        assertThat(fake.requests).isEmpty();
        PreparedTask shots = new TaskRunner(DataLocator.withHub(tmp.resolve("data"), hub(false))).prepare(arc, null, 1);
        assertThat(shots.fewshotSource()).startsWith("eval split");
        assertThat(fake.requests).isEmpty();
    }
    @Test
    void scriptDatasetsComeFromTheHubsParquetConversionAndOthersFromTheirOwnLayout() throws Exception {
        Path piqa = tmp.resolve("piqa.parquet");
        Path tqa = tmp.resolve("tqa.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("COPY (SELECT 'Open a jar' AS goal, 'twist the lid' AS sol1, 'hit it' AS sol2, 0 AS label UNION ALL "
                    + "SELECT 'Dry hair', 'use a towel', 'use glue', 0 ORDER BY goal DESC) TO '" + piqa + "' (FORMAT PARQUET)");
            st.execute("COPY (SELECT 'Is the moon cheese?' AS question, {'choices': ['No.', 'Yes.'], 'labels': [1, 0]} AS mc1_targets, "
                    + "{'choices': ['No.', 'Yes.'], 'labels': [1, 0]} AS mc2_targets) TO '" + tqa + "' (FORMAT PARQUET)");
        }
        String converted = "5555555555666666666677777777778888888888";
        fake.add("datasets/ybisk/piqa", COMMIT, Map.of("piqa.py", "# a loading script".getBytes()), null);
        fake.addBranch("datasets/ybisk/piqa", HubSource.PARQUET_CONVERSION, converted,
                Map.of("plain_text/validation/0000.parquet", Files.readAllBytes(piqa)));
        fake.add("datasets/truthfulqa/truthful_qa", COMMIT, Map.of(
                "multiple_choice/validation-00000-of-00001.parquet", Files.readAllBytes(tqa),
                "generation/validation-00000-of-00001.parquet", Files.readAllBytes(tqa)), null);
        TaskRegistry registry = TaskRegistry.builtins();
        TaskRunner runner = new TaskRunner(DataLocator.withHub(tmp.resolve("empty"), hub(false)));

        PreparedTask p = runner.prepare(registry.task("piqa"), null, 0);
        assertThat(p.contexts()).containsExactly("Question: Open a jar\nAnswer:", "Question: Dry hair\nAnswer:");
        assertThat(registry.task("piqa").goldIndex(p.docs().get(0), registry.task("piqa").choices(p.docs().get(0)))).isZero();
        assertThat(fake.requests).anyMatch(r -> r.contains("/revision/refs%2Fconvert%2Fparquet"));
        assertThat(tmp.resolve("hub/datasets--ybisk--piqa/snapshots/" + converted + "/plain_text/validation/0000.parquet")).exists();

        PreparedTask mc1 = runner.prepare(registry.task("truthfulqa_mc1"), null, 0);
        assertThat(mc1.contexts().get(0)).endsWith("Q: Is the moon cheese?\nA:");
        assertThat(registry.task("truthfulqa_mc1").choices(mc1.docs().get(0))).containsExactly("No.", "Yes.");
        assertThat(fake.requests).noneMatch(r -> r.contains("generation/"));

        // an lm-eval YAML naming the legacy dataset name finds the same documents
        Path yaml = tmp.resolve("piqa.yaml");
        Files.writeString(yaml, "task: piqa_yaml\ndataset_path: piqa\ntraining_split: train\nvalidation_split: validation\n"
                + "output_type: multiple_choice\ndoc_to_text: \"Question: {{goal}}\\nAnswer:\"\ndoc_to_target: label\n"
                + "doc_to_choice: \"{{[sol1, sol2]}}\"\n");
        PreparedTask fromYaml = runner.prepare(registry.task(registry.addYaml(yaml).get(0)), null, 0);
        assertThat(fromYaml.contexts()).isEqualTo(p.contexts());
    }
}
