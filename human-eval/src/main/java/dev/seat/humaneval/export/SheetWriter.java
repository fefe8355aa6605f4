package dev.seat.humaneval.export;

import com.opencsv.CSVWriter;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.humaneval.SheetColumns;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an annotator sheet: UTF-8, RFC 4180 (comma separator, every field in double quotes,
 * quotes inside a field doubled, CRLF between records; line breaks inside a response stay inside
 * its quoted field).
 */
public final class SheetWriter {
    private SheetWriter() {}

    /** One sheet row before labelling. */
    public record Row(String itemId, String question, String response) {}

    public static void write(Path file, List<Row> rows) {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVWriter csv = new CSVWriter(w, ',', '"', '"', "\r\n");
            csv.writeNext(SheetColumns.SHEET.toArray(String[]::new), true);
            for (Row r : rows) {
                csv.writeNext(new String[] {r.itemId(), r.question(), r.response(), "", "", ""}, true);
            }
            csv.flush();
        });
    }
}
