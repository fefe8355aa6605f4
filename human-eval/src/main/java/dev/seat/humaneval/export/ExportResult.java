package dev.seat.humaneval.export;

import dev.seat.humaneval.key.ExportKey;
import java.nio.file.Path;
import java.util.Map;

/**
 * Files written by one export.
 *
 * @param key the key that was written (private)
 * @param keyFile where it was written
 * @param sheets annotator name → CSV sheet
 * @param labelStudioTasks annotator name → Label Studio tasks JSON
 * @param labelStudioConfig the Label Studio labeling configuration (XML)
 * @param instructions the annotator instructions (Markdown)
 */
public record ExportResult(
        ExportKey key,
        Path keyFile,
        Map<String, Path> sheets,
        Map<String, Path> labelStudioTasks,
        Path labelStudioConfig,
        Path instructions) {

    public String exportId() {
        return key.exportId();
    }

    public int itemCount() {
        return key.items().size();
    }
}
