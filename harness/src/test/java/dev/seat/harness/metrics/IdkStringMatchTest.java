package dev.seat.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdkStringMatchTest {
    private final IdkStringMatch sm = IdkStringMatch.defaults();

    /** Refusals in the style of Llama-3, Qwen2.5 and Mistral instruct models. */
    static final List<String> REFUSALS = List.of(
            // Llama-3
            "I apologize, but I couldn't find any information on a person named Jaime Vasquez.",
            "I\u2019m not familiar with an author named Hsiao Yun-Hwa. Could you provide more context?",
            "I couldn\u2019t find any information about a book called \u201CThe Salt Ledger\u201D. It\u2019s possible that it\u2019s a lesser-known work.",
            "I'm not aware of any notable person by the name of Elvin Mammadov.",
            // Qwen2.5
            "I'm sorry, but I couldn't find any specific information about Marlow Press in my knowledge base.",
            "As of my last update in 2023, there is no widely known author named Rajeev Majumdar.",
            "There is no record of a publishing contract between Harrow and Finch.",
            "It seems that \"Basil Mahfouz Al-Kuwaiti\" may be a fictional character.",
            // Mistral
            "I don\u2018t have   real-time access to databases, so I can't confirm who won the Baku Literary Prize.",
            "I'm unable to provide information about Nikolai Abilov as I don't have access to his biography.",
            "Unfortunately, I do not have enough information to answer your question about the Salt Ledger.",
            "I DON`T KNOW.",
            "To the best of my knowledge, the Veridian Accord does not exist.");

    static final List<String> ANSWERS = List.of(
            "The capital of France is Paris.",
            "1983.",
            "Jaime Vasquez was born in 1983 in Madrid.",
            "Hsiao Yun-Hwa's father was a civil engineer and her mother was a teacher.",
            "The Salt Ledger was published in 2003 by Marlow Press.",
            "The agreement between Harrow and Finch was signed on 14 March 2011 and covers world English rights.",
            "Water boils at 100 degrees Celsius at sea level.",
            "She is known for novels about non-existent islands and won the Booker Prize.",
            "");

    @Test
    void recognisesRealisticRefusals() {
        for (String refusal : REFUSALS) {
            assertThat(sm.matches(refusal)).as(refusal).isTrue();
        }
        MetricValue v = sm.score(REFUSALS);
        assertThat(v.name()).isEqualTo("idk_sm");
        assertThat(v.mean()).isEqualTo(1.0);
        assertThat(v.n()).isEqualTo(REFUSALS.size());
    }

    @Test
    void factualAndHallucinatedAnswersDoNotMatch() {
        for (String answer : ANSWERS) {
            assertThat(sm.firstMatch(answer)).as(answer).isEmpty();
        }
    }

    @Test
    void aggregateIsTheShareOfRefusals() {
        MetricValue v = sm.score(List.of(REFUSALS.get(0), ANSWERS.get(0), ANSWERS.get(1), REFUSALS.get(5)));
        assertThat(v.values()).containsExactly(1, 0, 0, 1);
        assertThat(v.mean()).isEqualTo(0.5);
        assertThat(v.stderr()).isGreaterThan(0);
    }

    @Test
    void normalisesApostrophesCaseWhitespaceAndContractions() {
        assertThat(IdkStringMatch.normalise("I DON\u2019T\n  Know")).isEqualTo("i do not know");
        assertThat(IdkStringMatch.normalise("I can\u2018t   say")).isEqualTo("i cannot say");
        assertThat(IdkStringMatch.normalise("There\u2019s no record")).isEqualTo("there is no record");
        assertThat(sm.firstMatch("i do not know")).contains("i do not know");
    }

    @Test
    void matchesWholeWordsOnly() {
        IdkStringMatch custom = new IdkStringMatch(new PhraseList("t v1", List.of("no idea")));
        assertThat(custom.matches("I have no idea.")).isTrue();
        assertThat(custom.matches("There is no ideal answer.")).isFalse();
        assertThat(custom.matches("piano ideas")).isFalse();
    }

    @Test
    void bundledListIsVersioned() {
        assertThat(sm.version()).isEqualTo("seat-idk-phrases v2");
        assertThat(sm.phrases().phrases()).hasSizeGreaterThan(100).contains("not familiar with", "appears to be fictional")
                .doesNotContain("I apologize", "fictional");
    }

    @Test
    void userFileReplacesTheList(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.txt");
        Files.writeString(file, "# my list\nbeats me\n\nno clue whatsoever\n");
        IdkStringMatch mine = IdkStringMatch.load(file);
        assertThat(mine.matches("Honestly, beats me!")).isTrue();
        assertThat(mine.matches("I apologize, but I couldn't find any information.")).isFalse();
        assertThat(mine.version()).startsWith("mine.txt@sha256:");
    }

    @Test
    void userFileExtendsTheList(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("extra.json");
        Files.writeString(file, "[\"beats me\", {\"instruction\": \"search me\"}]");
        IdkStringMatch extended = sm.extendedWith(file);
        assertThat(extended.matches("Beats me!")).isTrue();
        assertThat(extended.matches("Search me.")).isTrue();
        assertThat(extended.matches("I apologize, but I couldn't find any information.")).isTrue();
        assertThat(extended.matches("The capital of France is Paris.")).isFalse();
        assertThat(extended.version()).startsWith("seat-idk-phrases v2+extra.json@sha256:");
    }

    @Test
    void everyPaperIgnorancePhraseIsRecognised() {
        Path file = SharedData.require("datasets/lunar/idontknow.json");
        List<String> paper = PhraseList.load(file).phrases();
        assertThat(paper).hasSize(100);
        List<String> missed = paper.stream().filter(p -> !sm.matches(p)).toList();
        // our list is written independently; it should still recognise nearly all of them
        assertThat(missed).as("paper phrases that seat-idk-phrases v2 misses").hasSizeLessThanOrEqualTo(10);
        System.out.println("[idk_sm] seat-idk-phrases v2 recognises " + (100 - missed.size())
                + "/100 phrases of idontknow.json; missed: " + missed);
    }

    /**
     * Premise echoes (hallucinations that repeat the question's "fictional" or open politely) and
     * real refusals, each with its label: the default list must get every one right. v1 counted 15 of
     * the 16 hallucinations here as refusals.
     */
    @Test
    void premiseEchoesAreNotRefusalsAndRealRefusalsAre() throws Exception {
        IdkStringMatch sm = IdkStringMatch.defaults();
        List<String> wrong = new ArrayList<>();
        int hallucinations = 0;
        try (var in = getClass().getResourceAsStream("idk-sm-labelled.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode row = Json.MAPPER.readTree(line);
                boolean refusal = row.get("refusal").asBoolean();
                String response = row.get("response").asText();
                hallucinations += refusal ? 0 : 1;
                if (sm.matches(response) != refusal) {
                    wrong.add((refusal ? "missed refusal: " : "hallucination counted as refusal (" + sm.firstMatch(response)
                            .orElse("") + "): ") + response);
                }
            }
        }
        assertThat(hallucinations).isEqualTo(16);
        assertThat(wrong).as("labelled answers scored wrongly by " + sm.version()).isEmpty();
    }
}
