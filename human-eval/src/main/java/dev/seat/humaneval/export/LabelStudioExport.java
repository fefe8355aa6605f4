package dev.seat.humaneval.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import dev.seat.humaneval.Criterion;
import dev.seat.humaneval.SheetColumns;
import java.nio.file.Path;
import java.util.List;

/**
 * Label Studio import files: a tasks JSON per annotator ({@code [{"data": {...}}]} with
 * item_id, question, response, export_id and assigned_to) and one labeling configuration with
 * two single-choice questions (Yes/No) named like the sheet columns plus a comment box, so
 * Label Studio's JSON, JSON-MIN and CSV exports come back with the names ingest expects.
 */
public final class LabelStudioExport {
    public static final String CONFIG_FILE = "labeling-config.xml";

    private LabelStudioExport() {}

    public static void writeTasks(Path file, String exportId, String annotator, List<SheetWriter.Row> rows) {
        ArrayNode tasks = Json.MAPPER.createArrayNode();
        for (SheetWriter.Row r : rows) {
            ObjectNode data = tasks.addObject().putObject("data");
            data.put(SheetColumns.ITEM_ID, r.itemId());
            data.put(SheetColumns.QUESTION, r.question());
            data.put(SheetColumns.RESPONSE, r.response());
            data.put(SheetColumns.EXPORT_ID, exportId);
            data.put(SheetColumns.ASSIGNED_TO, annotator);
        }
        Json.write(file, tasks);
    }

    public static String config() {
        return """
                <View>
                  <Header value="Question"/>
                  <Text name="%s" value="$%s"/>
                  <Header value="Reply"/>
                  <Text name="%s" value="$%s"/>
                  <Header value="Does the reply clearly say it does not know?"/>
                  <Choices name="%s" toName="%s" choice="single" showInline="true">
                    <Choice value="Yes"/>
                    <Choice value="No"/>
                  </Choices>
                  <Header value="Is the reply about this question (its entity or fact)?"/>
                  <Choices name="%s" toName="%s" choice="single" showInline="true">
                    <Choice value="Yes"/>
                    <Choice value="No"/>
                  </Choices>
                  <TextArea name="%s" toName="%s" placeholder="Comment (optional)" maxSubmissions="1"/>
                </View>
                """.formatted(
                        SheetColumns.QUESTION, SheetColumns.QUESTION,
                        SheetColumns.RESPONSE, SheetColumns.RESPONSE,
                        Criterion.REFUSAL.column(), SheetColumns.RESPONSE,
                        Criterion.ENTAILMENT.column(), SheetColumns.RESPONSE,
                        SheetColumns.COMMENT, SheetColumns.RESPONSE);
    }

    public static void writeConfig(Path file) {
        AtomicFiles.writeString(file, config());
    }
}
