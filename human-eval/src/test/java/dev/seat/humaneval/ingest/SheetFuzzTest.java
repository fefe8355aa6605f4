package dev.seat.humaneval.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.results.AtomicFiles;
import dev.seat.humaneval.Fixtures;
import dev.seat.humaneval.HumanEvalException;
import dev.seat.humaneval.RoundTripTest;
import dev.seat.humaneval.SimulatedAnnotators;
import dev.seat.humaneval.export.ExportOptions;
import dev.seat.humaneval.export.ExportResult;
import dev.seat.humaneval.export.SheetExporter;
import dev.seat.humaneval.report.HumanEvalReport;
import dev.seat.humaneval.store.LabelStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of a filled sheet (cells, columns, rows, bytes) and of a Label Studio export
 * (bytes, truncation); cell values include one beyond Jackson's default 20M-character string limit,
 * which once locked the store. Every case must be rejected with every message naming the file, stored as
 * a round the store reads back, or found to hold no labels; a rejected case leaves the label
 * store byte for byte as it was, and the store stays readable and reportable throughout. Counts
 * per kind and outcome are printed.
 */
class SheetFuzzTest {
    static final long SEED = 14;
    static final int CASES = 300;

    enum Kind { CELL, COLUMN, ROWS, BYTES, JSON_EXPORT }

    enum Outcome { REJECTED, STORED, NO_LABELS }

    @TempDir
    Path tmp;

    ExportResult export;
    List<String[]> good;
    byte[] labelStudio;

    @Test
    void everyMalformedSheetIsRejectedOrStoredAsARoundThatReadsBack() throws IOException {
        export = SheetExporter.export(List.of(Fixtures.seatRun(tmp), Fixtures.fullFtRun(tmp)),
                ExportOptions.of(tmp.resolve("study"), 2).withSeed(5));
        good = SimulatedAnnotators.filledSheet(export.sheets().get("A1"), export.key(), RoundTripTest.A1Labels(), v -> v);
        Path first = tmp.resolve("good").resolve("sheet-A1.csv");
        SimulatedAnnotators.writeCsv(first, good, ',', false);
        assertThat(LabelIngester.ingest(export.keyFile(), List.of(first)).ok()).isTrue();
        Path ls = tmp.resolve("good").resolve("project-1.json");
        SimulatedAnnotators.writeLabelStudioExport(export.labelStudioTasks().get("A2"), ls, export.key(),
                RoundTripTest.A1Labels(), 3);
        labelStudio = Files.readAllBytes(ls);
        LabelStore store = LabelStore.forKey(export.keyFile());
        Map<String, String> before = snapshot(store.dir());

        Random random = new Random(SEED);
        Map<Kind, Map<Outcome, Integer>> counts = new EnumMap<>(Kind.class);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Kind kind = Kind.values()[i % Kind.values().length];
            Path file = tmp.resolve("case-" + i).resolve(kind == Kind.JSON_EXPORT ? "project-1.json" : "sheet-A1.csv");
            String what = mutate(kind, random, file);
            IngestResult r;
            try {
                r = LabelIngester.ingest(export.keyFile(), List.of(file));
            } catch (HumanEvalException e) {
                failures.add("case " + i + " " + what + ": refused as a whole: " + e.getMessage());
                continue;
            } catch (RuntimeException e) {
                failures.add("case " + i + " " + what + ": " + e.getClass().getName() + ": " + e.getMessage());
                continue;
            }
            FileOutcome f = r.files().get(0);
            Outcome outcome = Outcome.valueOf(f.status().name());
            if (f.status() == FileOutcome.Status.REJECTED) {
                String name = file.getFileName().toString();
                for (String m : f.messages()) {
                    if (!m.startsWith(name + ": ")) {
                        failures.add("case " + i + " " + what + ": a message does not start with the file name: " + m);
                    }
                }
                if (!snapshot(store.dir()).equals(before)) {
                    failures.add("case " + i + " " + what + ": rejected, but the label store changed");
                }
            }
            LabelStore.Contents contents = store.read();
            if (!contents.unreadable().isEmpty()) {
                failures.add("case " + i + " " + what + ": the store has an unreadable round: " + contents.unreadable());
            }
            if (f.status() == FileOutcome.Status.STORED) {
                int labels = contents.rounds().get(contents.rounds().size() - 1).labels().size();
                if (labels != f.labels()) {
                    failures.add("case " + i + " " + what + ": stored " + f.labels() + " labels, read back " + labels);
                }
                AtomicFiles.deleteRecursively(store.dir().resolve(String.format("round-%04d", r.round())));
            }
            counts.computeIfAbsent(kind, k -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
        }
        System.out.println("label sheet fuzz, seed " + SEED + ", " + CASES + " cases:");
        counts.forEach((k, byOutcome) -> System.out.println("  " + k + " " + byOutcome));
        System.out.println("  failures " + failures.size());
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
        assertThat(snapshot(store.dir())).isEqualTo(before);
        assertThat(HumanEvalReport.compute(export.keyFile()).unreadableRounds()).isEmpty();
        assertThat(counts.get(Kind.CELL)).containsKeys(Outcome.REJECTED, Outcome.STORED);
        assertThat(counts.get(Kind.BYTES)).containsKey(Outcome.REJECTED);
    }

    static final List<String> CELL_VALUES = List.of("", " ", "maybe", "YES", "0", "1", "n", "2", "-1", "null",
            "NaN", "\"", "a,b", "line\nbreak", "\uFEFF1", "\u00e9t\u00e9", "\uD83D\uDE00", "x".repeat(10_001),
            "y".repeat(100_000), "z".repeat(21_000_000), "ZZZZZZ-0001", "0001", "=CMD()", "\t1");

    String mutate(Kind kind, Random r, Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        good.forEach(row -> rows.add(row.clone()));
        String what;
        switch (kind) {
            case CELL -> {
                int row = 1 + r.nextInt(rows.size() - 1);
                int col = r.nextInt(rows.get(0).length);
                String v = CELL_VALUES.get(r.nextInt(CELL_VALUES.size()));
                rows.get(row)[col] = v;
                what = "row " + (row + 1) + " column " + rows.get(0)[col] + " = '" + abbreviate(v) + "'";
            }
            case COLUMN -> {
                int col = r.nextInt(rows.get(0).length);
                if (r.nextBoolean()) {
                    rows.replaceAll(row -> remove(row, col));
                    what = "column " + good.get(0)[col] + " removed";
                } else {
                    rows.get(0)[col] = CELL_VALUES.get(r.nextInt(CELL_VALUES.size()));
                    what = "header of column " + good.get(0)[col] + " replaced";
                }
            }
            case ROWS -> {
                int row = 1 + r.nextInt(rows.size() - 1);
                switch (r.nextInt(4)) {
                    case 0 -> rows.add(rows.get(row).clone());
                    case 1 -> rows.remove(row);
                    case 2 -> rows.set(row, Arrays.copyOf(rows.get(row), r.nextInt(rows.get(row).length)));
                    default -> rows.add(row, new String[] {"", "", "", "1", "1", ""});
                }
                what = "row " + (row + 1) + " duplicated, removed, shortened or an id-less row added";
            }
            case BYTES -> {
                SimulatedAnnotators.writeCsv(file, rows, ',', false);
                byte[] bytes = Files.readAllBytes(file);
                Files.write(file, bytes(r, bytes));
                return "CSV bytes mutated";
            }
            case JSON_EXPORT -> {
                Files.createDirectories(file.getParent());
                Files.write(file, bytes(r, labelStudio.clone()));
                return "Label Studio export bytes mutated";
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        SimulatedAnnotators.writeCsv(file, rows, r.nextInt(4) == 0 ? ';' : ',', r.nextBoolean());
        return what;
    }

    /** A truncation, a random byte, an invalid UTF-8 sequence or a whole replacement. */
    static byte[] bytes(Random r, byte[] bytes) {
        switch (r.nextInt(4)) {
            case 0 -> {
                return Arrays.copyOf(bytes, r.nextInt(bytes.length));
            }
            case 1 -> {
                bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
                return bytes;
            }
            case 2 -> {
                int at = r.nextInt(bytes.length - 1);
                bytes[at] = (byte) 0xC3;
                bytes[at + 1] = (byte) 0x28;
                return bytes;
            }
            default -> {
                String[] whole = {"", "\n\n", "[]", "{}", "null", "item_id\n", "\u0000\u0001\u0002"};
                return whole[r.nextInt(whole.length)].getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    static String[] remove(String[] row, int col) {
        if (col >= row.length) {
            return row;
        }
        List<String> l = new ArrayList<>(Arrays.asList(row));
        l.remove(col);
        return l.toArray(String[]::new);
    }

    static String abbreviate(String v) {
        return v.length() > 20 ? v.substring(0, 20) + "... (" + v.length() + " chars)" : v;
    }

    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
