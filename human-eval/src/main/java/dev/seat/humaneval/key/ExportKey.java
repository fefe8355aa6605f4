package dev.seat.humaneval.key;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.seat.harness.results.Json;
import dev.seat.humaneval.HumanEvalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The private key of one export: which run, checkpoint and dataset row each opaque item id stands
 * for, fingerprints of the exported texts, and how items were assigned and ordered. Annotators
 * never see it. Labels ingested against it are stored in {@code labels/} next to the key file.
 *
 * @param format format tag, {@value #FORMAT}
 * @param exportId the export id every item id starts with
 * @param created ISO-8601 time of the export
 * @param seed seed of sampling, pooling order and assignment
 * @param overlap number of annotators each item was given to
 * @param samplePerRun responses sampled per run and dataset, null for all
 * @param annotators each annotator's sheet and order
 * @param items every exported item
 */
public record ExportKey(
        @JsonProperty("format") String format,
        @JsonProperty("export_id") String exportId,
        @JsonProperty("created") String created,
        @JsonProperty("seed") long seed,
        @JsonProperty("overlap") int overlap,
        @JsonProperty("sample_per_run") Integer samplePerRun,
        @JsonProperty("annotators") List<AnnotatorSheet> annotators,
        @JsonProperty("items") List<KeyItem> items) {

    public static final String FORMAT = "seat-human-eval-key/1";
    public static final String FILE_NAME = "key.json";

    /** Reads and checks a key file; the message names the file when it is not a key. */
    public static ExportKey read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new HumanEvalException("Key file not found: " + file
                    + " (it is written by `seat sheets export` as <out>/private/" + FILE_NAME + ")");
        }
        ExportKey key;
        try {
            key = Json.MAPPER.readValue(file.toFile(), ExportKey.class);
        } catch (IOException e) {
            throw new HumanEvalException("Not a key file of `seat sheets export`: " + file + " ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (!FORMAT.equals(key.format()) || key.exportId() == null || key.items() == null
                || key.annotators() == null) {
            throw new HumanEvalException("Not a key file of `seat sheets export`: " + file
                    + " (expected \"format\": \"" + FORMAT + "\" with export_id, annotators and items)");
        }
        return key;
    }

    public void write(Path file) {
        Json.write(file, this);
    }

    /** Items by canonical item id, in export order. */
    public Map<String, KeyItem> itemsById() {
        Map<String, KeyItem> byId = new LinkedHashMap<>();
        for (KeyItem item : items) {
            byId.put(ItemIds.canonical(item.itemId()), item);
        }
        return byId;
    }

    public List<String> annotatorNames() {
        return annotators.stream().map(AnnotatorSheet::name).toList();
    }

    /** A few item ids, for messages that say what an id should look like. */
    public String exampleIds() {
        return items.stream().limit(2).map(KeyItem::itemId).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
