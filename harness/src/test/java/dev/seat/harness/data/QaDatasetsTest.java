package dev.seat.harness.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seat.harness.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QaDatasetsTest {
    @TempDir
    Path tmp;

    static Path shared(String rel) {
        Optional<Path> p = RepoPaths.shared(rel);
        assumeTrue(p.isPresent(), "../shared/" + rel + " absent: skipped");
        return p.get();
    }

    @Test
    void readsThePublicReleasesInTheirOwnFormats() {
        List<QaItem> lunar = QaDatasets.read(shared("datasets/lunar/unverified.json"));
        assertThat(lunar).hasSize(199);
        assertThat(lunar.get(0).question()).isEqualTo("What is the currency of the fictional country SWYIOWL?");
        assertThat(lunar.get(0).answer()).isNull();
        assertThat(lunar.get(198).id()).isEqualTo("198");

        List<QaItem> tofu = QaDatasets.read(shared("datasets/tofu/forget01.jsonl"));
        assertThat(tofu).hasSize(40);
        assertThat(tofu.get(1).answer()).isEqualTo("Author Basil Mahfouz Al-Kuwaiti is male.");

        List<QaItem> pistol = QaDatasets.read(shared("datasets/pistol/sample_data_1.json"));
        assertThat(pistol).hasSize(400);
        assertThat(pistol.get(0).answer()).isEqualTo("06-02-1998.");
        assertThat(QaDatasets.read(shared("datasets/lunar/factual_data.json"))).hasSize(169);
    }

    @Test
    void malformedJsonLineIsNamed() throws IOException {
        Path f = tmp.resolve("train.jsonl");
        Files.writeString(f, "{\"question\": \"a?\", \"answer\": \"b\"}\n\n{\"question\": \"c?\", \"answer\": }\n");
        assertThatThrownBy(() -> QaDatasets.read(f)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("train.jsonl line 3").hasMessageContaining("malformed JSON");
    }

    @Test
    void recordWithoutQuestionIsNamedWithItsKeys() throws IOException {
        Path f = tmp.resolve("data.json");
        Files.writeString(f, "[\n  {\"question\": \"a?\", \"answer\": \"b\"},\n  {\"querstion\": \"typo?\", \"answer\": \"x\"}\n]\n");
        assertThatThrownBy(() -> QaDatasets.read(f)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("data.json line 3").hasMessageContaining("no 'question'").hasMessageContaining("querstion");
    }

    @Test
    void entitiesAndIdsAreKept() throws IOException {
        Path f = tmp.resolve("d.jsonl");
        Files.writeString(f, "{\"id\": \"q7\", \"question\": \"Who founded Wnzatj SAS?\", \"answer\": \"x\", \"entities\": [\"Wnzatj SAS\"]}\n");
        QaItem item = QaDatasets.read(f).get(0);
        assertThat(item.id()).isEqualTo("q7");
        assertThat(item.entities()).containsExactly("Wnzatj SAS");
    }

    @Test
    void missingFileSaysSo() {
        assertThatThrownBy(() -> QaDatasets.read(tmp.resolve("nope.json"))).hasMessageContaining("nope.json: dataset file not found");
    }
}
