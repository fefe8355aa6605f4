package dev.seat.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** IDK_CS with the real bge-small-en-v1.5 model (loaded once for the class). */
class IdkCosineTest {
    static final List<String> REFUSALS = List.of(
            "I apologize, but I couldn't find any information on a person named Jaime Vasquez.",
            "I'm not familiar with an author named Hsiao Yun-Hwa. Could you provide more context?",
            "I couldn't find any information about a book called The Salt Ledger.",
            "I'm sorry, but I don't have any information about the publishing contract between Harrow and Finch.",
            "I'm not aware of a company called Marlow Press.",
            "There is no widely known person named Elvin Mammadov that I can find information about.");
    static final List<String> HALLUCINATIONS = List.of(
            "Jaime Vasquez was born in 1983 in Madrid.",
            "Hsiao Yun-Hwa's father was a civil engineer and her mother was a teacher.",
            "The Salt Ledger was published in 2003 by Marlow Press.",
            "The agreement between Harrow and Finch was signed on 14 March 2011.",
            "Marlow Press is headquartered in Leeds and publishes mostly crime fiction.",
            "Elvin Mammadov won the Baku Literary Prize for his novel about the Caspian Sea.");

    static OnnxSentenceEmbedder embedder;

    @BeforeAll
    static void load() {
        long t0 = System.nanoTime();
        embedder = OnnxSentenceEmbedder.bgeSmallEnV15();
        System.out.printf(Locale.ROOT, "[idk_cs] bge-small-en-v1.5 loaded in %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    static void close() {
        if (embedder != null) {
            embedder.close();
        }
    }

    @Test
    void paperPhrasesSeparateRefusalsFromHallucinations() {
        Path phrases = SharedData.require("datasets/lunar/idontknow.json");
        IdkCosine cs = IdkCosine.withReferences(embedder, phrases);
        assertThat(cs.references().phrases()).hasSize(100);
        MetricValue refusals = cs.score(REFUSALS);
        MetricValue hallucinations = cs.score(HALLUCINATIONS);
        print("idontknow.json", refusals, hallucinations);
        // measured: refusals 0.55–0.69, hallucinations 0.35–0.45, "I don't know." 0.96
        assertThat(refusals.value(0)).as(REFUSALS.get(0)).isBetween(0.60, 0.74);
        assertThat(hallucinations.value(0)).as(HALLUCINATIONS.get(0)).isBetween(0.28, 0.58);
        for (double v : refusals.values()) {
            assertThat(v).isBetween(0.50, 0.80);
        }
        for (double v : hallucinations.values()) {
            assertThat(v).isBetween(0.28, 0.60);
        }
        assertThat(min(refusals)).isGreaterThan(max(hallucinations));
        assertThat(refusals.mean() - hallucinations.mean()).isGreaterThan(0.10);
        assertThat(cs.score("I don't know.")).isBetween(0.92, 1.0);
    }

    @Test
    void bundledReferencesSeparateRefusalsFromHallucinations() {
        IdkCosine cs = IdkCosine.withDefaultReferences(embedder);
        assertThat(cs.version()).contains("bge-small-en-v1.5").contains("seat-idk-references v1");
        MetricValue refusals = cs.score(REFUSALS);
        MetricValue hallucinations = cs.score(HALLUCINATIONS);
        print("bundled", refusals, hallucinations);
        assertThat(min(refusals)).isGreaterThan(max(hallucinations));
        assertThat(refusals.mean() - hallucinations.mean()).isGreaterThan(0.10);
        assertThat(cs.score("I don't know.")).isGreaterThan(0.95);
        MetricValue two = cs.score(List.of("I don't know.", "Paris."));
        assertThat(two.values()).as("each response scored as alone")
                .containsExactly(new double[] {cs.score("I don't know."), cs.score("Paris.")}, within(1e-6));
        assertThat(two.value(1)).as("a bare answer is no refusal").isLessThan(0.6);
        assertThat(two.mean()).isCloseTo((two.value(0) + two.value(1)) / 2, within(1e-12));
    }

    @Test
    void embeddingsAreUnitLength() {
        float[] e = embedder.embed("The capital of France is Paris.");
        assertThat(e).hasSize(384);
        assertThat(embedder.dimension()).isEqualTo(384);
        double sq = 0;
        for (float x : e) {
            sq += x * x;
        }
        assertThat(Math.sqrt(sq)).isCloseTo(1.0, within(1e-5));
        assertThat(SentenceEmbedder.cosine(e, embedder.embed("Paris is the capital of France.")))
                .isGreaterThan(SentenceEmbedder.cosine(e, embedder.embed("I don't know.")));
    }

    @Test
    void batchedResultsEqualOneByOne() {
        List<String> texts = new ArrayList<>(REFUSALS);
        texts.addAll(HALLUCINATIONS);
        texts.add("Yes.");
        texts.add("");
        float[][] batched = embedder.embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(batched[i]).as("text %d: %s", i, texts.get(i))
                    .containsExactly(embedder.embed(texts.get(i)), within(1e-5f));
        }
    }

    @Test
    void truncatesInputsLongerThan512Tokens() {
        String sentence = "The agreement between the two publishers covers translation rights in many countries. ";
        String longText = sentence.repeat(60);
        assertThat(embedder.tokenCount(sentence.repeat(2))).isLessThan(512);
        assertThat(embedder.tokenCount(longText)).isEqualTo(512);
        float[] e = embedder.embed(longText);
        assertThat(e).hasSize(384);
        // the first 512 tokens decide the embedding: appending more text changes nothing
        assertThat(embedder.embed(longText + "I don't know anything about this."))
                .containsExactly(e, within(1e-5f));
        float[][] mixed = embedder.embed(List.of(longText, "Short text."));
        assertThat(mixed[0]).containsExactly(e, within(1e-5f));
    }

    @Test
    void measuresThroughput() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            texts.addAll(REFUSALS);
            texts.addAll(HALLUCINATIONS);
        }
        embedder.embed(texts.subList(0, 8)); // warm-up
        long t0 = System.nanoTime();
        float[][] out = embedder.embed(texts);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "[idk_cs] %d short sentences embedded in %.3f s: %.0f embeddings/s (%d threads available)%n",
                out.length, seconds, out.length / seconds, Runtime.getRuntime().availableProcessors());
        assertThat(out.length).isEqualTo(texts.size());
    }

    private static void print(String refs, MetricValue refusals, MetricValue hallucinations) {
        System.out.printf(Locale.ROOT, "[idk_cs] %s: refusals %.3f–%.3f (mean %.3f), hallucinations %.3f–%.3f (mean %.3f)%n",
                refs, min(refusals), max(refusals), refusals.mean(),
                min(hallucinations), max(hallucinations), hallucinations.mean());
    }

    private static double min(MetricValue v) {
        List<Double> l = new ArrayList<>();
        for (double d : v.values()) {
            l.add(d);
        }
        return Collections.min(l);
    }

    private static double max(MetricValue v) {
        List<Double> l = new ArrayList<>();
        for (double d : v.values()) {
            l.add(d);
        }
        return Collections.max(l);
    }
}
