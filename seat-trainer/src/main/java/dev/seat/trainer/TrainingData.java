package dev.seat.trainer;

import dev.seat.harness.data.DatasetException;
import dev.seat.harness.data.QaDatasets;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.text.ChatFormat;
import dev.seat.harness.text.TextTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a QA file for training: every record needs an answer. */
public final class TrainingData {
    private TrainingData() {}

    public static List<QaItem> read(Path file) {
        List<QaItem> items = QaDatasets.read(file);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).answer() == null) {
                throw new DatasetException(file + ": record " + i + " (id " + items.get(i).id()
                        + ") has no 'answer'; training needs question/answer pairs");
            }
        }
        if (items.isEmpty()) {
            throw new DatasetException(file + ": no records");
        }
        return items;
    }

    public static List<TokenizedExample> tokenize(List<QaItem> items, TextTokenizer tok, ChatFormat format) {
        List<TokenizedExample> out = new ArrayList<>();
        for (QaItem it : items) {
            out.add(TokenizedExample.of(tok, format, it.question(), it.answer()));
        }
        return out;
    }
}
