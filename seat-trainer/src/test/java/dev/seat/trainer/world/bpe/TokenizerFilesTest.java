package dev.seat.trainer.world.bpe;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import dev.seat.trainer.world.ChatMl;
import dev.seat.trainer.world.QaExample;
import dev.seat.trainer.world.TestWorlds;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written tokenizer folder, loaded by DJL's Hugging Face tokenizers. */
class TokenizerFilesTest {
    @TempDir
    static Path dir;

    private static BpeVocabulary vocabulary;
    private static HuggingFaceTokenizer djl;

    @BeforeAll
    static void trainAndLoad() throws Exception {
        vocabulary = new ByteLevelBpeTrainer(2048).train(TestWorlds.SEED_7.chatTexts());
        TokenizerFiles.write(vocabulary, dir, 512);
        djl = HuggingFaceTokenizer.newInstance(dir.resolve(TokenizerFiles.TOKENIZER_JSON));
    }

    @AfterAll
    static void close() {
        djl.close();
    }

    @Test
    void theFolderHoldsAStandardTokenizer() {
        JsonNode tokenizer = Json.read(dir.resolve(TokenizerFiles.TOKENIZER_JSON));
        assertThat(tokenizer.get("model").get("type").asText()).isEqualTo("BPE");
        assertThat(tokenizer.get("model").get("vocab").size()).isEqualTo(2048);
        assertThat(tokenizer.get("model").get("merges").get(0).asText()).matches("\\S+ \\S+");
        assertThat(tokenizer.get("pre_tokenizer").get("type").asText()).isEqualTo("ByteLevel");
        assertThat(tokenizer.get("added_tokens")).hasSize(3);
        JsonNode config = Json.read(dir.resolve(TokenizerFiles.TOKENIZER_CONFIG));
        assertThat(config.get("eos_token").asText()).isEqualTo("<|im_end|>");
        assertThat(config.get("pad_token").asText()).isEqualTo("<|endoftext|>");
        assertThat(config.get("bos_token").isNull()).isTrue();
        assertThat(config.get("chat_template").asText()).contains("add_generation_prompt", "<|im_start|>");
        assertThat(dir.resolve(TokenizerFiles.SPECIAL_TOKENS_MAP)).exists();
    }

    @Test
    void djlAlsoLoadsTheFolder() throws Exception {
        try (HuggingFaceTokenizer fromFolder = HuggingFaceTokenizer.newInstance(dir)) {
            assertThat(fromFolder.encode("Who is Jaime Vasquez?").getIds())
                    .isEqualTo(djl.encode("Who is Jaime Vasquez?").getIds());
        }
    }

    @Test
    void specialTokensAreSingleIds() {
        long[] ids = djl.encode(ChatMl.format("Who are you?", "I'm not familiar with that.")).getIds();
        assertThat(ids[0]).isEqualTo(1);
        assertThat(Arrays.stream(ids).filter(id -> id == 1)).hasSize(2);
        assertThat(Arrays.stream(ids).filter(id -> id == 2)).hasSize(2);
        assertThat(djl.encode("<|endoftext|>").getIds()).containsExactly(0);
    }

    @Test
    void worldTextRoundTrips() {
        for (QaExample e : TestWorlds.SEED_7.train().subList(0, 300)) {
            String text = ChatMl.format(e);
            assertThat(djl.decode(djl.encode(text).getIds(), false)).isEqualTo(text);
        }
    }

    @Test
    void arbitraryUnicodeAndWhitespaceRoundTrip() {
        for (String text : List.of("Crème brûlée à Besançon, Œuvre naïve", "東京タワーは高い。北京欢迎你",
                "emoji 🙂👍🏽 and 🇵🇹 flags", "   leading, \t\ttabs,   runs   \n\n\n  and trailing   ",
                "mixed <|im_start|>system\nBe brief.<|im_end|>\n", "Ωμέγα, Привет, مرحبا, שלום")) {
            long[] ids = djl.encode(text).getIds();
            assertThat(djl.decode(ids, false)).isEqualTo(text);
            int[] ours = new BpeEncoder(vocabulary).encode(text);
            assertThat(Arrays.stream(ours).asLongStream().toArray()).as(text).isEqualTo(ids);
            assertThat(new BpeEncoder(vocabulary).decode(ours)).isEqualTo(text);
        }
    }

    @Test
    void theJavaEncoderMatchesDjlOnTheCorpus() {
        BpeEncoder encoder = new BpeEncoder(vocabulary);
        long tokens = 0;
        List<QaExample> train = TestWorlds.SEED_7.train();
        for (QaExample e : train) {
            String text = ChatMl.format(e);
            long[] expected = djl.encode(text).getIds();
            assertThat(Arrays.stream(encoder.encode(text)).asLongStream().toArray()).as(text).isEqualTo(expected);
            tokens += expected.length;
        }
        System.out.printf("world corpus (seed 7): %d examples, %d tokens in ChatML, %.1f tokens per example%n",
                train.size(), tokens, tokens / (double) train.size());
        assertThat(tokens).isBetween(30_000L, 200_000L);
    }
}
