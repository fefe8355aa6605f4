package dev.seat.harness.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every shared benchmark file loads with the official row counts; bad input names file and line. */
class LoadersTest {

    private static List<ObjectNode> load(String format, String path, String labels) {
        Path dir = SharedData.dir();
        return DocFormats.get(format).load(dir.resolve(path), labels == null ? null : dir.resolve(labels));
    }

    @Test
    void arcOpenbookqaTriviaqaGsm8kRowCounts() {
        assertThat(load("arc", "arc/arc_easy.jsonl", null)).hasSize(2376);
        assertThat(load("arc", "arc/arc_challenge.jsonl", null)).hasSize(1172);
        assertThat(load("openbookqa", "openbookqa/openbook_qa.jsonl", null)).hasSize(500);
        assertThat(load("triviaqa", "triviaqa/triviaqa_sm_sub.jsonl", null)).hasSize(3000);
        assertThat(load("jsonl", "gsm8k/test.jsonl", null)).hasSize(1319);
    }

    @Test
    void arcMosaicRowsBecomeHuggingFaceRows() {
        ObjectNode doc = load("arc", "arc/arc_challenge.jsonl", null).get(0);
        assertThat(doc.get("question").asText()).startsWith("An astronomer observes");
        assertThat(doc.at("/choices/label").toString()).isEqualTo("[\"A\",\"B\",\"C\",\"D\"]");
        assertThat(doc.get("answerKey").asText()).isEqualTo("C");
    }

    @Test
    void piqaJoinsTheSeparateLabelsFile() throws IOException {
        List<ObjectNode> docs = load("piqa", "piqa/valid.jsonl", "piqa/valid-labels.lst");
        assertThat(docs).hasSize(1838);
        List<String> labels = Files.readAllLines(SharedData.dir().resolve("piqa/valid-labels.lst"));
        for (int i = 0; i < docs.size(); i++) {
            assertThat(docs.get(i).get("label").asInt()).isEqualTo(Integer.parseInt(labels.get(i).trim()));
        }
        assertThat(docs.stream().filter(d -> d.get("label").asInt() == 1).count()).isBetween(800L, 1100L);
    }

    @Test
    void piqaWithoutLabelsSaysWhereTheyAre() {
        Path file = SharedData.dir().resolve("piqa/valid.jsonl");
        assertThatThrownBy(() -> DocFormats.get("piqa").load(file, null))
                .hasMessageContaining(file + " line 1").hasMessageContaining("labels");
    }

    @Test
    void truthfulqaV1Has817QuestionsWithTargetsInFileOrder() {
        List<ObjectNode> docs = load("truthfulqa_mc", "truthfulqa/data/v1/mc_task.json", null);
        assertThat(docs).hasSize(817);
        assertThat(docs.get(0).at("/mc2_targets/labels").toString()).isEqualTo("[1,1,1,0,0,0]");
        assertThat(docs.get(0).at("/mc1_targets/choices/0").asText())
                .isEqualTo("Nothing in particular happens when you eat a pomegranate.");
        // the two v1 questions where a true answer follows a false one, where MC2 follows lm-eval's split rule
        assertThat(docs.get(164).at("/mc2_targets/labels").toString()).isEqualTo("[1,1,1,0,1,0,0,0,0]");
        assertThat(docs.get(607).at("/mc2_targets/labels").toString()).isEqualTo("[1,1,0,1,0,0,0]");
        assertThat(load("truthfulqa_mc", "truthfulqa/data/mc_task.json", null)).hasSize(790);
    }

    @Test
    void everyMmluFileLoadsWithTheOfficialCounts() throws IOException {
        Path dir = SharedData.dir();
        int dev = 0;
        int test = 0;
        int subjects = 0;
        try (Stream<Path> files = Files.list(dir.resolve("mmlu/test"))) {
            for (Path f : files.sorted().toList()) {
                String subject = MmluLayout.subjectOf(f);
                List<ObjectNode> testDocs = DocFormats.get("mmlu").load(f, null);
                List<ObjectNode> devDocs = DocFormats.get("mmlu").load(dir.resolve("mmlu/dev/" + subject + "_dev.csv"), null);
                assertThat(devDocs).as(subject).hasSize(5);
                assertThat(testDocs.get(0).get("subject").asText()).isEqualTo(subject);
                assertThat(testDocs).allSatisfy(d -> assertThat(d.get("choices")).hasSize(4));
                dev += devDocs.size();
                test += testDocs.size();
                subjects++;
            }
        }
        assertThat(subjects).isEqualTo(57);
        assertThat(dev).isEqualTo(285);
        assertThat(test).isEqualTo(14042);
        assertThat(TaskRegistry.builtins().select(List.of("mmlu")).tasks()).hasSize(57);
    }

    @Test
    void mmluQuotedFieldsWithCommas() {
        ObjectNode doc = load("mmlu", "mmlu/test/abstract_algebra_test.csv", null).get(0);
        assertThat(doc.get("question").asText())
                .isEqualTo("Find the degree for the given field extension Q(sqrt(2), sqrt(3), sqrt(18)) over Q.");
        assertThat(doc.get("answer").asInt()).isEqualTo(1);
    }

    @Test
    void huggingFaceArcRowsGiveTheSamePromptAsTheConvertedLayout(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("arc"));
        Files.writeString(dir.resolve("arc/arc_easy.jsonl"), "{\"id\": \"Mercury_7175875\", \"question\": \"Which statement "
                + "best explains why photosynthesis is the foundation of most food webs?\", \"choices\": {\"text\": [\"Sunlight is "
                + "the source of energy for nearly all ecosystems.\", \"Most ecosystems are found on land instead of in water.\", "
                + "\"Carbon dioxide is more available than other gases.\", \"The producers in all ecosystems are plants.\"], "
                + "\"label\": [\"A\", \"B\", \"C\", \"D\"]}, \"answerKey\": \"A\"}\n"
                + "{\"id\": \"x\", \"question\": {\"stem\": \"Stem?\", \"choices\": [{\"text\": \"one\", \"label\": \"1\"}, "
                + "{\"text\": \"two\", \"label\": \"2\"}]}, \"answerKey\": \"2\"}\n");
        TaskDefinition def = TaskRegistry.builtins().task("arc_easy");
        PreparedTask hf = new TaskRunner(DataLocator.of(dir)).prepare(def, null, null);
        PreparedTask mosaic = SharedData.runner().prepare(def, 1, null);
        assertThat(hf.contexts().get(0)).isEqualTo(mosaic.contexts().get(0));
        assertThat(def.choices(hf.docs().get(0))).isEqualTo(def.choices(mosaic.docs().get(0)));
        assertThat(def.goldIndex(hf.docs().get(1), def.choices(hf.docs().get(1)))).isEqualTo(1);
        assertThat(hf.contexts().get(1)).isEqualTo("Question: Stem?\nAnswer:");
    }

    @Test
    void malformedJsonLineNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"query\": \"Question: q\", \"choices\": [\"a\", \"b\"], \"gold\": 0}\n\n{\"query\": oops}\n");
        assertThatThrownBy(() -> DocFormats.get("arc").load(file, null))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(file + " line 3: not valid JSON");
    }

    @Test
    void rowThatFitsNoLayoutNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("arc.jsonl");
        Files.writeString(file, "{\"query\": \"Question: q\", \"choices\": [\"a\", \"b\"], \"gold\": 0}\n{\"prompt\": \"x\"}\n");
        assertThatThrownBy(() -> DocFormats.get("arc").load(file, null))
                .hasMessageStartingWith(file + " line 2: fits none of the layouts").hasMessageContaining("fields present: prompt");
        Files.writeString(file, "{\"query\": \"Question: q\", \"choices\": [\"a\", \"b\"], \"gold\": 5}\n");
        assertThatThrownBy(() -> DocFormats.get("arc").load(file, null)).hasMessageStartingWith(file + " line 1: \"gold\"");
    }

    @Test
    void malformedCsvAndLabelsNameFileAndLine(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("anatomy_test.csv");
        Files.writeString(csv, "q1,a,b,c,d,A\n\"multi\nline q\",a,b,c,d,B\nq3,a,b,c,d\n");
        assertThatThrownBy(() -> DocFormats.get("mmlu").load(csv, null))
                .hasMessageStartingWith(csv + " line 4: expected 6 fields");
        Files.writeString(csv, "question,A,B,C,D,answer\n");
        assertThatThrownBy(() -> DocFormats.get("mmlu").load(csv, null))
                .hasMessageStartingWith(csv + " line 1: answer must be one of").hasMessageContaining("header");
        Path rows = dir.resolve("valid.jsonl");
        Path labels = dir.resolve("valid-labels.lst");
        Files.writeString(rows, "{\"goal\": \"g\", \"sol1\": \"a\", \"sol2\": \"b\"}\n{\"goal\": \"g\", \"sol1\": \"a\", \"sol2\": \"b\"}\n");
        Files.writeString(labels, "0\n2\n");
        assertThatThrownBy(() -> DocFormats.get("piqa").load(rows, labels)).hasMessageStartingWith(labels + " line 2: expected a label");
        Files.writeString(labels, "0\n");
        assertThatThrownBy(() -> DocFormats.get("piqa").load(rows, labels)).hasMessageContaining("1 labels but");
    }

    @Test
    void malformedJsonArrayNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("test.json");
        Files.writeString(file, "[\n{\"a\": 1},\n{\"a\": 2,,}\n]\n");
        assertThatThrownBy(() -> JsonRows.read(file)).hasMessageStartingWith(file + " line 3: not valid JSON");
    }

    @Test
    void missingDataFileSaysWhichFileAndWhereItLooked(@TempDir Path dir) {
        TaskDefinition def = TaskRegistry.builtins().task("sciq");
        assertThatThrownBy(() -> new TaskRunner(DataLocator.of(dir)).prepare(def, null, null))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("Task sciq: data file 'sciq/test.json' not found")
                .hasMessageContaining(dir.resolve("sciq/test.json").toString())
                .hasMessageContaining("--data-dir");
    }
}
