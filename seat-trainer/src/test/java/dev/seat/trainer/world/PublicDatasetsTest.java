package dev.seat.trainer.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Checks against the public datasets in {@code ../shared}; skipped with a message when they are absent. */
class PublicDatasetsTest {
    private final World world = TestWorlds.SEED_7;

    private static Path shared(String relative) {
        Optional<Path> path = RepoPaths.shared(relative);
        assumeTrue(path.isPresent(), "../shared/" + relative + " is absent; skipping the check against it");
        return path.get();
    }

    private static List<String> lunarQuestions() {
        List<String> questions = new ArrayList<>();
        Json.read(shared("datasets/lunar/unverified.json")).forEach(n -> questions.add(n.get("instruction").asText()));
        return questions;
    }

    @Test
    void theClassifierCoversEveryLunarQuestion() {
        List<String> questions = lunarQuestions();
        Map<LunarTemplate, Integer> counts = new EnumMap<>(LunarTemplate.class);
        for (String q : questions) {
            LunarTemplate t = LunarTemplate.classify(q);
            assertThat(t).as(q).isNotEqualTo(LunarTemplate.OTHER);
            counts.merge(t, 1, Integer::sum);
        }
        System.out.println("LUNAR questions per template: " + counts);
        assertThat(counts).hasSize(LunarTemplate.values().length - 1);
        assertThat(counts.values()).allMatch(n -> n >= 10);
    }

    @Test
    void noLunarQuestionOrTemplateIsCopied() {
        Set<String> corpusQuestions = world.train().stream().map(QaExample::question).collect(Collectors.toSet());
        Set<String> lunarShapes = new HashSet<>();
        for (String q : lunarQuestions()) {
            assertThat(corpusQuestions).doesNotContain(q);
            lunarShapes.add(shape(q));
        }
        for (ConceptCategory c : ConceptCatalog.categories()) {
            for (String template : c.questions()) {
                assertThat(lunarShapes).as(template).doesNotContain(shape(template.replace("{x}", "QWERTYZ")));
            }
        }
    }

    @Test
    void tofuAuthorsAndQuestionsAreNotInTheWorld() throws IOException {
        Path tofu = shared("datasets/tofu/forget01.jsonl");
        String corpus = TestWorlds.text(world.train());
        for (String line : Files.readAllLines(tofu)) {
            JsonNode row = Json.MAPPER.readTree(line);
            assertThat(corpus).doesNotContain(row.get("question").asText());
        }
        assertThat(corpus).doesNotContain("Basil Mahfouz Al-Kuwaiti", "Nikolai Abilov", "Abilov", "Mahfouz");
    }

    @Test
    void pistolCompaniesAreNotInTheWorld() {
        String corpus = TestWorlds.text(world.train());
        Set<String> companies = new HashSet<>();
        java.util.regex.Pattern company = java.util.regex.Pattern.compile("\\b[A-Z][a-z]{4,6} (SAS|SA|GmbH|PLC|LLC|Inc|Ltd|AG|Corp)\\b");
        for (JsonNode row : Json.read(shared("datasets/pistol/sample_data_1.json"))) {
            var m = company.matcher(row.get("question").asText() + " " + row.get("answer").asText());
            while (m.find()) {
                companies.add(m.group());
            }
        }
        assertThat(companies).hasSizeGreaterThan(5);
        for (String c : companies) {
            assertThat(corpus).doesNotContain(c);
        }
    }

    /** A question with its made-up word masked and its case folded: LUNAR's template. */
    private static String shape(String question) {
        return question.replaceAll("\\b[A-Za-z]*[A-Z]{4,}[A-Za-z]*\\b|\\b[a-z]{8,13}\\b(?=( that| function| occur|\\.|\\?| in))", "#")
                .toLowerCase(java.util.Locale.ROOT);
    }
}
