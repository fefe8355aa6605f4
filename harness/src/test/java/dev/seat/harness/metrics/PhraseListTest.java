package dev.seat.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhraseListTest {
    @TempDir
    Path dir;

    @Test
    void readsThePaperFileShape() {
        PhraseList list = PhraseList.load(SharedData.require("datasets/lunar/idontknow.json"));
        assertThat(list.phrases()).hasSize(100).contains("I'm not sure.", "I have no clue about that.");
        assertThat(list.version()).matches("idontknow\\.json@sha256:[0-9a-f]{12}");
    }

    @Test
    void readsJsonStringsAndObjects() throws IOException {
        Path f = write("a.json", "[{\"instruction\": \" No idea. \", \"category\": null}, \"Beats me.\", \"Beats me.\"]");
        assertThat(PhraseList.load(f).phrases()).containsExactly("No idea.", "Beats me.");
    }

    @Test
    void readsTextWithVersionHeaderAndComments() throws IOException {
        Path f = write("p.txt", "# team-phrases v3\n# comment\n\nbeats me\n  search me  \n");
        PhraseList list = PhraseList.load(f);
        assertThat(list.version()).isEqualTo("team-phrases v3");
        assertThat(list.phrases()).containsExactly("beats me", "search me");
    }

    @Test
    void badElementNamesFileIndexAndExpectation() throws IOException {
        Path f = write("bad.json", "[\"ok\", {\"text\": \"no instruction\"}]");
        assertThatThrownBy(() -> PhraseList.load(f))
                .hasMessageContaining("bad.json")
                .hasMessageContaining("element 1")
                .hasMessageContaining("\"instruction\"");
    }

    @Test
    void invalidJsonAndEmptyFilesAreRejected() throws IOException {
        Path broken = write("broken.json", "[\"a\", ");
        assertThatThrownBy(() -> PhraseList.load(broken)).hasMessageContaining("broken.json").hasMessageContaining("not valid JSON");
        Path empty = write("empty.txt", "# nothing\n\n");
        assertThatThrownBy(() -> PhraseList.load(empty)).hasMessageContaining("empty.txt").hasMessageContaining("no phrases");
    }

    @Test
    void bundledListsLoad() {
        assertThat(PhraseList.resource(IdkStringMatch.DEFAULT_RESOURCE).version()).isEqualTo("seat-idk-phrases v2");
        assertThat(IdkCosine.defaultReferences().version()).isEqualTo("seat-idk-references v1");
        assertThat(IdkCosine.defaultReferences().phrases()).hasSize(60);
    }

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }
}
