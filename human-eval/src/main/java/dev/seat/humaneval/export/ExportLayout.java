package dev.seat.humaneval.export;

import dev.seat.humaneval.key.ExportKey;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an export puts its files:
 * <pre>
 * out/private/key.json                  the key (do not share)
 * out/private/labels/round-0001/...     ingested labels (see LabelStore)
 * out/annotators/instructions.md        what annotators read
 * out/annotators/sheet-A1.csv           one sheet per annotator
 * out/annotators/labelstudio/tasks-A1.json, labeling-config.xml
 * </pre>
 * and how an annotator is recognised from a returned file's name ({@code sheet-A1...},
 * {@code tasks-A1...}).
 */
public final class ExportLayout {
    private static final Pattern ANNOTATOR_IN_NAME =
            Pattern.compile("(?i)(?:^|[^a-z0-9])(?:sheet|tasks)-(a\\d+)(?![0-9])");

    private ExportLayout() {}

    public static Path keyFile(Path out) {
        return out.resolve("private").resolve(ExportKey.FILE_NAME);
    }

    public static Path annotatorFolder(Path out) {
        return out.resolve("annotators");
    }

    public static Path labelStudioFolder(Path out) {
        return annotatorFolder(out).resolve("labelstudio");
    }

    public static String sheetName(String annotator) {
        return "sheet-" + annotator + ".csv";
    }

    public static String tasksName(String annotator) {
        return "tasks-" + annotator + ".json";
    }

    public static String annotatorName(int index) {
        return "A" + (index + 1);
    }

    /**
     * The annotator named in a file name as the export wrote it (also after a spreadsheet
     * program or browser added a suffix, e.g. {@code sheet-A2 (1).csv}), or null.
     */
    public static String annotatorFromFileName(String fileName) {
        Matcher m = ANNOTATOR_IN_NAME.matcher(fileName);
        return m.find() ? m.group(1).toUpperCase(java.util.Locale.ROOT) : null;
    }
}
