package dev.seat.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PorterStemmerTest {
    private final PorterStemmer stemmer = new PorterStemmer();

    @Test
    void reproducesEveryWordOfTheReferenceStemTable() {
        JsonNode table = Json.read(SharedData.require("reference/rouge/expected.json")).get("stem_table");
        assertThat(table.size()).isGreaterThan(200);
        List<String> mismatches = new ArrayList<>();
        for (JsonNode row : table) {
            String word = row.get("word").asText();
            String expected = row.get("nltk_extensions").asText();
            String actual = stemmer.stem(word);
            if (!expected.equals(actual)) {
                mismatches.add(word + ": expected " + expected + " but got " + actual);
            }
        }
        assertThat(mismatches).as("stems that differ from NLTK (NLTK_EXTENSIONS)").isEmpty();
    }

    @Test
    void appliesTheNltkExtensionsNotTheOriginalAlgorithm() {
        // irregular forms and the four-letter ies/ied rules exist only in NLTK_EXTENSIONS
        assertThat(stemmer.stem("dying")).isEqualTo("die");
        assertThat(stemmer.stem("skies")).isEqualTo("sky");
        assertThat(stemmer.stem("ties")).isEqualTo("tie");
        assertThat(stemmer.stem("died")).isEqualTo("die");
        assertThat(stemmer.stem("days")).isEqualTo("day");
        assertThat(stemmer.stem("generously")).isEqualTo("gener");
    }

    @Test
    void classicPorterExamples() {
        assertThat(stemmer.stem("caresses")).isEqualTo("caress");
        assertThat(stemmer.stem("ponies")).isEqualTo("poni");
        assertThat(stemmer.stem("hopping")).isEqualTo("hop");
        assertThat(stemmer.stem("falling")).isEqualTo("fall");
        assertThat(stemmer.stem("filing")).isEqualTo("file");
        assertThat(stemmer.stem("relational")).isEqualTo("relat");
        assertThat(stemmer.stem("electricity")).isEqualTo("electr");
        assertThat(stemmer.stem("adjustment")).isEqualTo("adjust");
        assertThat(stemmer.stem("controll")).isEqualTo("control");
        assertThat(stemmer.stem("Running")).isEqualTo("run");
        assertThat(stemmer.stem("is")).isEqualTo("is");
        // NLTK looks irregular forms up before lower-casing
        assertThat(stemmer.stem("Dying")).isEqualTo("dy");
    }
}
