package dev.seat.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user-supplied model folder (model.onnx + tokenizer.json) with configurable pooling. */
class OnnxSentenceEmbedderFolderTest {

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = OnnxSentenceEmbedder.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.copy(in, target);
        }
    }

    @Test
    void folderModelWithClsOrMeanPooling(@TempDir Path dir) throws IOException {
        copyResource(OnnxSentenceEmbedder.BGE_MODEL_RESOURCE, dir.resolve("model.onnx"));
        copyResource(OnnxSentenceEmbedder.BGE_TOKENIZER_RESOURCE, dir.resolve("tokenizer.json"));
        List<String> texts = List.of("I don't know.", "Jaime Vasquez was born in 1983 in Madrid, Spain, to a family of writers.");
        OnnxSentenceEmbedder.Options small = new OnnxSentenceEmbedder.Options(128, 8, 0);
        float[][] cls;
        try (OnnxSentenceEmbedder bundled = OnnxSentenceEmbedder.bgeSmallEnV15(small);
                OnnxSentenceEmbedder folderCls = OnnxSentenceEmbedder.fromFolder(dir, Pooling.CLS, small)) {
            cls = folderCls.embed(texts);
            float[][] expected = bundled.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(cls[i]).containsExactly(expected[i], within(1e-6f));
            }
            assertThat(folderCls.id()).matches(".* cls max_length=128 digest=[0-9a-f]{16}");
        }
        try (OnnxSentenceEmbedder mean = OnnxSentenceEmbedder.fromFolder(dir, Pooling.MEAN, small)) {
            float[][] batched = mean.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                // the short text is padded in the batch: equal results mean padding is masked out
                assertThat(batched[i]).containsExactly(mean.embed(texts.get(i)), within(1e-5f));
                double norm = 0;
                for (float x : batched[i]) {
                    norm += x * x;
                }
                assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
                assertThat(SentenceEmbedder.cosine(batched[i], cls[i])).isLessThan(0.999);
            }
        }
    }

    @Test
    void folderWithoutModelIsRejectedWithItsName(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        assertThatThrownBy(() -> OnnxSentenceEmbedder.fromFolder(dir, Pooling.MEAN, OnnxSentenceEmbedder.Options.DEFAULT))
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("model.onnx");
    }

    @Test
    void poolingParsesAndRejects() {
        assertThat(Pooling.parse(" Mean ")).isEqualTo(Pooling.MEAN);
        assertThat(Pooling.parse("cls")).isEqualTo(Pooling.CLS);
        assertThatThrownBy(() -> Pooling.parse("max")).hasMessageContaining("'max'").hasMessageContaining("cls or mean");
    }

    @Test
    void closedEmbedderRefusesWork() {
        OnnxSentenceEmbedder e = OnnxSentenceEmbedder.bgeSmallEnV15(new OnnxSentenceEmbedder.Options(64, 4, 1));
        e.close();
        e.close(); // idempotent
        assertThatThrownBy(() -> e.embed("x")).hasMessageContaining("closed");
    }
}
