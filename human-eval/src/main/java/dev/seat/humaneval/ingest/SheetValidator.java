package dev.seat.humaneval.ingest;

import dev.seat.humaneval.Criterion;
import dev.seat.humaneval.SheetColumns;
import dev.seat.humaneval.TextFingerprint;
import dev.seat.humaneval.export.ExportLayout;
import dev.seat.humaneval.key.ExportKey;
import dev.seat.humaneval.key.ItemIds;
import dev.seat.humaneval.key.KeyItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a parsed file against the export key and turns its rows into labels.
 *
 * <p>Problems, each reported once with file, row, column, value and what is allowed:
 * <ul>
 *   <li>the file belongs to another export (every item id or export_id names another export);</li>
 *   <li>no item_id field at all; an empty, unknown or other-export item id in a row;</li>
 *   <li>a question or response that differs from the exported text ({@link TextFingerprint});</li>
 *   <li>a label value that is not yes/no ({@link LabelValue});</li>
 *   <li>an item id that appears twice for the same annotator (duplicate), or twice with
 *       different labels (conflict);</li>
 *   <li>labels whose annotator cannot be told (see below), or a file name naming an annotator
 *       the export does not have;</li>
 *   <li>a comment longer than {@value #MAX_COMMENT_CHARS} characters or an annotator name longer
 *       than {@value #MAX_NAME_CHARS}: what is stored stays small enough to read back.</li>
 * </ul>
 * The annotator of a row is, in this order: the {@code --annotator} option; the annotator named
 * in the file name as exported ({@code sheet-A2.csv}, {@code tasks-A2.json}); the row's
 * {@code assigned_to} field; the labelling tool's user.
 */
public final class SheetValidator {
    /** Longest comment stored with a label. */
    public static final int MAX_COMMENT_CHARS = 10_000;
    /** Longest annotator name taken from a row. */
    public static final int MAX_NAME_CHARS = 200;

    private SheetValidator() {}

    private record Seen(String location, Boolean refusal, Boolean entailment) {}

    public static ValidatedFile validate(ExportKey key, Map<String, KeyItem> byId, ParsedFile parsed,
                                         String annotatorOption) {
        String file = parsed.name();
        List<SourceRow> rows = parsed.rows();
        if (!parsed.fileProblems().isEmpty()) {
            return new ValidatedFile(parsed, parsed.fileProblems(), List.of(), rows.size(), 0, Set.of());
        }
        String exportId = key.exportId();
        String allowedIds = "an item id of export " + exportId + " (e.g. " + key.exampleIds() + ")";

        if (!rows.isEmpty() && rows.stream().allMatch(r -> r.itemId() == null)) {
            return rejectedWhole(parsed, new Problem(file, null, SheetColumns.ITEM_ID, null,
                    "missing field in every record", "records with " + SheetColumns.ITEM_ID + ", "
                            + Criterion.REFUSAL.column() + " and " + Criterion.ENTAILMENT.column()));
        }
        Optional<String> otherExport = otherExport(rows, exportId);
        if (otherExport.isPresent()) {
            return rejectedWhole(parsed, Problem.ofFile(file, "this file belongs to export " + otherExport.get()
                    + ", but the key is for export " + exportId
                    + "; ingest it with the key of export " + otherExport.get(), null));
        }

        String fromName = ExportLayout.annotatorFromFileName(file);
        List<Problem> problems = new ArrayList<>();
        if (annotatorOption == null && fromName != null && !key.annotatorNames().contains(fromName)) {
            problems.add(Problem.ofFile(file, "the file name names annotator " + fromName
                    + ", which export " + exportId + " does not have",
                    "annotators " + String.join(", ", key.annotatorNames())
                            + ", or pass --annotator NAME to store the labels under another name"));
        }

        List<LabelRow> labels = new ArrayList<>();
        Set<String> annotators = new LinkedHashSet<>();
        Map<String, Seen> seen = new HashMap<>();
        boolean unknownAnnotator = false;
        int fine = 0;
        for (SourceRow row : rows) {
            int before = problems.size();
            String loc = row.location();
            String id = ItemIds.canonical(row.itemId());
            KeyItem item = byId.get(id);
            if (id.isEmpty()) {
                problems.add(new Problem(file, loc, SheetColumns.ITEM_ID, "", "the item id is empty", allowedIds));
            } else if (item == null) {
                Optional<String> tag = ItemIds.exportOf(id);
                String why = tag.isPresent() && !tag.get().equals(exportId)
                        ? "this item id belongs to export " + tag.get() + ", not to export " + exportId
                        : "unknown item id: export " + exportId + " has no such item";
                problems.add(new Problem(file, loc, SheetColumns.ITEM_ID, row.itemId(), why, allowedIds));
            } else {
                if (row.exportId() != null && !row.exportId().isBlank()
                        && !row.exportId().strip().equalsIgnoreCase(exportId)) {
                    problems.add(new Problem(file, loc, SheetColumns.EXPORT_ID, row.exportId(),
                            "the row names another export", exportId));
                }
                checkText(problems, file, loc, SheetColumns.QUESTION, row.question(), item.questionSha256());
                checkText(problems, file, loc, SheetColumns.RESPONSE, row.response(), item.responseSha256());
            }

            checkLength(problems, file, loc, SheetColumns.COMMENT, row.comment(), MAX_COMMENT_CHARS);
            checkLength(problems, file, loc, SheetColumns.ASSIGNED_TO, row.assignedTo(), MAX_NAME_CHARS);
            checkLength(problems, file, loc, "annotator", row.sourceUser(), MAX_NAME_CHARS);
            Boolean refusal = parseLabel(problems, file, loc, Criterion.REFUSAL, row.refusal());
            Boolean entailment = parseLabel(problems, file, loc, Criterion.ENTAILMENT, row.entailment());
            boolean labelsValid = problems.size() == before
                    || problems.subList(before, problems.size()).stream().noneMatch(p -> isLabelColumn(p.column()));
            boolean labelled = refusal != null || entailment != null;

            String annotator = firstNonBlank(annotatorOption, fromName, row.assignedTo(), row.sourceUser());
            if (labelled && annotator == null) {
                unknownAnnotator = true;
            }
            if (!id.isEmpty() && labelsValid) {
                String seenKey = (annotator == null ? "" : annotator) + "\u0000" + id;
                Seen prev = seen.get(seenKey);
                if (prev == null) {
                    seen.put(seenKey, new Seen(loc, refusal, entailment));
                } else if (Objects.equals(prev.refusal(), refusal) && Objects.equals(prev.entailment(), entailment)) {
                    problems.add(new Problem(file, loc, SheetColumns.ITEM_ID, row.itemId(),
                            "duplicated item id: it also appears at " + prev.location()
                                    + (annotator == null ? "" : " for annotator " + annotator),
                            "each item once per annotator; delete one of the two rows"));
                } else {
                    problems.add(new Problem(file, loc, conflictColumn(prev, refusal), row.itemId(),
                            "conflicting labels for one item: " + describe(prev.refusal(), prev.entailment())
                                    + " at " + prev.location() + " but " + describe(refusal, entailment) + " here"
                                    + (annotator == null ? "" : " (annotator " + annotator + ")"),
                            "one answer per item and annotator; keep the row you mean and delete the other"));
                }
            }
            if (problems.size() == before) {
                fine++;
                if (labelled && annotator != null && item != null) {
                    String comment = row.comment() == null || row.comment().isBlank() ? null : row.comment().strip();
                    labels.add(new LabelRow(annotator, item.itemId(), refusal, entailment, comment, loc));
                    annotators.add(annotator);
                }
            }
        }
        if (unknownAnnotator) {
            problems.add(Problem.ofFile(file, "cannot tell whose labels these are: the file name does not contain"
                    + " sheet-A<n> / tasks-A<n> as exported and the rows name no annotator",
                    "keep the exported file name, or pass --annotator NAME"));
        }
        return new ValidatedFile(parsed, problems, labels, rows.size(), fine, annotators);
    }

    private static ValidatedFile rejectedWhole(ParsedFile parsed, Problem p) {
        return new ValidatedFile(parsed, List.of(p), List.of(), parsed.rows().size(), 0, Set.of());
    }

    /** The other export, when every row with an id (or export_id) points to one other export. */
    private static Optional<String> otherExport(List<SourceRow> rows, String exportId) {
        Set<String> others = new LinkedHashSet<>();
        int withId = 0;
        for (SourceRow r : rows) {
            String id = ItemIds.canonical(r.itemId());
            if (id.isEmpty()) {
                continue;
            }
            withId++;
            String fromField = r.exportId() == null || r.exportId().isBlank() ? null : r.exportId().strip().toUpperCase();
            String tag = fromField != null ? fromField : ItemIds.exportOf(id).orElse(null);
            if (tag == null || tag.equals(exportId)) {
                return Optional.empty();
            }
            others.add(tag);
        }
        return withId > 0 ? Optional.of(String.join(", ", others)) : Optional.empty();
    }

    private static void checkText(List<Problem> problems, String file, String loc, String column, String text,
                                  String fingerprint) {
        if (text == null || fingerprint == null) {
            return;
        }
        if (!TextFingerprint.matches(text, fingerprint)) {
            problems.add(new Problem(file, loc, column, text,
                    "the " + column + " text differs from the exported text (edited?)",
                    "the " + column + " exactly as exported; only the label and comment columns may be filled in"));
        }
    }

    private static void checkLength(List<Problem> problems, String file, String loc, String column, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(new Problem(file, loc, column, value, "the cell holds " + value.length() + " characters",
                    "at most " + max + " characters"));
        }
    }

    private static Boolean parseLabel(List<Problem> problems, String file, String loc, Criterion c, String raw) {
        Optional<LabelValue> v = LabelValue.parse(raw);
        if (v.isEmpty()) {
            problems.add(new Problem(file, loc, c.column(), raw, "not a label", LabelValue.ALLOWED));
            return null;
        }
        return v.get().toBoolean();
    }

    private static boolean isLabelColumn(String column) {
        return Criterion.REFUSAL.column().equals(column) || Criterion.ENTAILMENT.column().equals(column);
    }

    private static String conflictColumn(Seen prev, Boolean refusal) {
        return Objects.equals(prev.refusal(), refusal) ? Criterion.ENTAILMENT.column() : Criterion.REFUSAL.column();
    }

    private static String describe(Boolean refusal, Boolean entailment) {
        return Criterion.REFUSAL.column() + "=" + LabelValue.show(refusal) + ", "
                + Criterion.ENTAILMENT.column() + "=" + LabelValue.show(entailment);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
