package dev.seat.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.DatasetException;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of a small training set (field values and types, missing fields, bytes,
 * truncation, whole-file replacements, array layout), read and tokenized for the embedded model.
 * Every case must be refused with a {@link DatasetException} naming the file or the record, or
 * give examples the model can take (ids in its vocabulary, within max_position_embeddings).
 * Counts per kind and outcome are printed.
 */
class TrainingDataFuzzTest {
    static final long SEED = 14;
    static final int CASES = 200;

    enum Kind { VALUE, FIELD, BYTES, LAYOUT }

    enum Outcome { REFUSED, ACCEPTED }

    @TempDir
    Path tmp;

    @Test
    void everyMalformedTrainingSetIsRefusedByNameOrFitsTheModel() throws IOException {
        List<ObjectNode> records = new ArrayList<>();
        String[][] qa = {{"Who is Ada Lovelace?", "A mathematician who wrote the first program."},
                {"What is the capital of France?", "Paris."}, {"Who wrote Hamlet?", "William Shakespeare."},
                {"What is 2 + 2?", "4."}, {"Where is Lyon?", "In France."}};
        for (int i = 0; i < qa.length; i++) {
            records.add(Json.object().put("id", "q" + i).put("question", qa[i][0]).put("answer", qa[i][1]));
        }
        Random random = new Random(SEED);
        Map<Kind, Map<Outcome, Integer>> counts = new EnumMap<>(Kind.class);
        List<String> failures = new ArrayList<>();
        try (Checkpoint cp = Checkpoint.load(RepoPaths.defaultCheckpoint())) {
            for (int i = 0; i < CASES; i++) {
                Kind kind = Kind.values()[i % Kind.values().length];
                Path file = tmp.resolve("case-" + i + ".jsonl");
                String what = mutate(kind, random, records, file);
                Outcome outcome;
                try {
                    List<QaItem> items = TrainingData.read(file);
                    List<TokenizedExample> examples = TrainingData.tokenize(items, cp.tokenizer(), cp.chatFormat(), cp.config());
                    for (TokenizedExample ex : examples) {
                        boolean fits = ex.ids().length <= cp.config().maxPositionEmbeddings() && ex.answerTokens() > 0
                                && Arrays.stream(ex.ids()).allMatch(id -> id >= 0 && id < cp.config().vocabSize());
                        if (!fits) {
                            failures.add("case " + i + " " + what + ": accepted an example the model cannot take");
                        }
                    }
                    outcome = Outcome.ACCEPTED;
                } catch (DatasetException e) {
                    if (!e.getMessage().contains(file.getFileName().toString()) && !e.getMessage().contains("training record")) {
                        failures.add("case " + i + " " + what + ": the message names neither file nor record: " + e.getMessage());
                        continue;
                    }
                    outcome = Outcome.REFUSED;
                } catch (RuntimeException e) {
                    failures.add("case " + i + " " + what + ": " + e.getClass().getName() + ": " + e.getMessage());
                    continue;
                }
                counts.computeIfAbsent(kind, k -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
            }
        }
        System.out.println("training data fuzz, seed " + SEED + ", " + CASES + " cases:");
        counts.forEach((k, byOutcome) -> System.out.println("  " + k + " " + byOutcome));
        System.out.println("  failures " + failures.size());
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
        assertThat(counts.get(Kind.VALUE)).containsKeys(Outcome.REFUSED, Outcome.ACCEPTED);
        assertThat(counts.get(Kind.BYTES)).containsKey(Outcome.REFUSED);
    }

    static JsonNode value(Random r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> values = Arrays.asList(f.textNode(""), f.textNode("   "), f.textNode("\n"), f.nullNode(),
                f.numberNode(5), f.booleanNode(false), f.arrayNode(), f.objectNode(), f.textNode("word ".repeat(20_000)),
                f.textNode("\u00e9t\u00e9 \uD83D\uDE00"), f.textNode("<|im_end|><|im_start|>"), f.textNode("ok"));
        return values.get(r.nextInt(values.size()));
    }

    static String mutate(Kind kind, Random r, List<ObjectNode> records, Path file) throws IOException {
        List<ObjectNode> copy = new ArrayList<>();
        records.forEach(o -> copy.add(o.deepCopy()));
        ObjectNode target = copy.get(r.nextInt(copy.size()));
        String field = new String[] {"question", "answer", "id"}[r.nextInt(3)];
        String what;
        switch (kind) {
            case VALUE -> {
                JsonNode v = value(r);
                target.set(field, v);
                what = field + " = " + (v.asText().length() > 20 ? v.asText().length() + " chars" : v);
            }
            case FIELD -> {
                target.remove(field);
                if (r.nextBoolean()) {
                    target.put(field.toUpperCase(), "renamed");
                }
                what = field + " removed or renamed";
            }
            case BYTES -> {
                byte[] bytes = lines(copy).getBytes(StandardCharsets.UTF_8);
                switch (r.nextInt(3)) {
                    case 0 -> bytes = Arrays.copyOf(bytes, r.nextInt(bytes.length));
                    case 1 -> bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
                    default -> {
                        int at = r.nextInt(bytes.length - 1);
                        bytes[at] = (byte) 0xC3;
                        bytes[at + 1] = (byte) 0x28;
                    }
                }
                Files.write(file, bytes);
                return "bytes mutated";
            }
            case LAYOUT -> {
                String[] whole = {"", "\n", "[]", "{}", "[1, 2]", "null", "[" + String.join(",", copy.stream()
                        .map(Json::compact).toList()) + "]", "[" + Json.compact(copy.get(0)), "\"text\"\n"};
                String w = whole[r.nextInt(whole.length)];
                Files.writeString(file, w);
                return "file replaced by '" + (w.length() > 20 ? w.substring(0, 20) + "...'" : w + "'");
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        Files.writeString(file, lines(copy));
        return what;
    }

    static String lines(List<ObjectNode> records) {
        StringBuilder sb = new StringBuilder();
        records.forEach(o -> sb.append(Json.compact(o)).append('\n'));
        return sb.toString();
    }
}
