package dev.seat.humaneval.ingest;

import dev.seat.humaneval.HumanEvalException;
import dev.seat.humaneval.key.ExportKey;
import dev.seat.humaneval.key.KeyItem;
import dev.seat.humaneval.store.LabelStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads returned files ({@link LabelFileReader}), checks them against the key
 * ({@link SheetValidator}) and stores every clean file's labels as one new round
 * ({@link LabelStore}). A file with any problem contributes nothing; the other files are still
 * stored. When two clean files of one call label the same item for the same annotator, the later
 * file in the argument list wins.
 */
public final class LabelIngester {
    private LabelIngester() {}

    public static IngestResult ingest(Path keyFile, List<Path> files) {
        return ingest(keyFile, files, null);
    }

    /**
     * @param annotator store every label under this annotator name (the {@code --annotator}
     *     option), or null to tell annotators from file names and the files' contents
     */
    public static IngestResult ingest(Path keyFile, List<Path> files, String annotator) {
        if (files == null || files.isEmpty()) {
            throw new HumanEvalException("Give at least one file to ingest");
        }
        if (annotator != null && !annotator.matches("[A-Za-z0-9._@+-]{1,64}")) {
            throw new HumanEvalException("--annotator '" + annotator
                    + "' is not a valid name; allowed: 1-64 letters, digits and . _ @ + -");
        }
        ExportKey key = ExportKey.read(keyFile);
        Map<String, KeyItem> byId = key.itemsById();

        List<ValidatedFile> checked = new ArrayList<>();
        for (Path f : files) {
            checked.add(SheetValidator.validate(key, byId, LabelFileReader.read(f), annotator));
        }
        List<LabelStore.Incoming> incoming = new ArrayList<>();
        for (ValidatedFile v : checked) {
            if (v.clean() && !v.labels().isEmpty()) {
                incoming.add(new LabelStore.Incoming(v.parsed().file(), v.parsed().format(), v.annotators(), v.labels()));
            }
        }
        LabelStore store = LabelStore.forKey(keyFile);
        Integer round = incoming.isEmpty() ? null : store.appendRound(key.exportId(), incoming);

        List<FileOutcome> outcomes = new ArrayList<>();
        for (ValidatedFile v : checked) {
            FileOutcome.Status status = !v.clean() ? FileOutcome.Status.REJECTED
                    : v.labels().isEmpty() ? FileOutcome.Status.NO_LABELS : FileOutcome.Status.STORED;
            outcomes.add(new FileOutcome(v.parsed().file(), v.parsed().format(), status, v.rows(), v.rowsFine(),
                    status == FileOutcome.Status.STORED ? v.labels().size() : 0,
                    status == FileOutcome.Status.STORED ? v.annotators() : Set.of(),
                    v.problems(), status == FileOutcome.Status.STORED ? round : null));
        }
        return new IngestResult(outcomes, round, store.read().unreadable());
    }
}
