package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns one data file into documents in lm-eval's Hugging Face row layout for that dataset,
 * so one prompt template serves every layout a user may have. A row that fits no layout is an
 * error naming the file and line.
 */
@FunctionalInterface
public interface DocFormat {
    /**
     * @param file the data file
     * @param labels a separate labels file, or {@code null}
     */
    List<ObjectNode> load(Path file, Path labels);
}
