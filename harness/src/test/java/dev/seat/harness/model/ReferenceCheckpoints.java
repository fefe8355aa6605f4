package dev.seat.harness.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.results.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The independent reference checkpoints of {@code ../shared/reference/models}. */
final class ReferenceCheckpoints {
    static final List<String> NAMES = List.of("llama-tiny", "qwen2-tiny");

    private ReferenceCheckpoints() {}

    static List<String> names() {
        return NAMES;
    }

    static Path dir(String name) {
        Optional<Path> p = RepoPaths.shared("reference/models/" + name);
        assumeTrue(p.isPresent(), "../shared/reference/models/" + name + " is absent: reference test skipped");
        return p.get();
    }

    static JsonNode expected(String name) {
        return Json.read(dir(name).resolve("expected.json"));
    }

    static long[][] longs(JsonNode rows) {
        long[][] out = new long[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = new long[rows.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = rows.get(i).get(j).asLong();
            }
        }
        return out;
    }

    static float[] floats(JsonNode row) {
        float[] out = new float[row.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) row.get(i).asDouble();
        }
        return out;
    }
}
