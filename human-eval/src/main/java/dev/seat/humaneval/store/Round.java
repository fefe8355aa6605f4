package dev.seat.humaneval.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * One ingest that stored something: {@code labels/round-NNNN/} with {@code round.json}
 * (time, export id, files), {@code labels.jsonl} and the raw files under {@code raw/}.
 */
public record Round(int number, Path dir, JsonNode info, List<StoredLabel> labels) {}
