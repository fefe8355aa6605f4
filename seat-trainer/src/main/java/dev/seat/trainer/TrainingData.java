package dev.seat.trainer;

import dev.seat.harness.data.DatasetException;
import dev.seat.harness.data.QaDatasets;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.ModelConfig;
import dev.seat.harness.text.ChatFormat;
import dev.seat.harness.text.TextTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a QA file for training: every record needs a question and an answer that are not blank,
 * and once tokenized, every example must fit the model (ids in its vocabulary, no longer than
 * {@code max_position_embeddings}).
 */
public final class TrainingData {
    private TrainingData() {}

    public static List<QaItem> read(Path file) {
        List<QaItem> items = QaDatasets.read(file);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).answer() == null) {
                throw new DatasetException(file + ": record " + i + " (id " + items.get(i).id()
                        + ") has no 'answer'; training needs question/answer pairs");
            }
            if (items.get(i).question().isBlank() || items.get(i).answer().isBlank()) {
                throw new DatasetException(file + ": record " + i + " (id " + items.get(i).id() + ") has an empty "
                        + (items.get(i).question().isBlank() ? "question" : "answer")
                        + "; training needs both texts");
            }
        }
        if (items.isEmpty()) {
            throw new DatasetException(file + ": no records");
        }
        return items;
    }

    /** Chat-formats and tokenizes every item; an example the model cannot take is refused, naming the record. */
    public static List<TokenizedExample> tokenize(List<QaItem> items, TextTokenizer tok, ChatFormat format,
            ModelConfig config) {
        List<TokenizedExample> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            QaItem it = items.get(i);
            TokenizedExample ex = TokenizedExample.of(tok, format, it.question(), it.answer());
            try {
                config.checkTokens("training record " + i + " (id " + it.id() + ")", ex.ids(), true);
            } catch (IllegalArgumentException e) {
                throw new DatasetException(e.getMessage() + "; shorten it or leave it out");
            }
            out.add(ex);
        }
        return out;
    }
}
