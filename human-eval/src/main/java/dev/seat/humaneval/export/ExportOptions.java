package dev.seat.humaneval.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SheetExporter} writes and how it splits the work.
 *
 * @param out export folder; must not already hold an export
 * @param annotators number of annotators N (at least 1)
 * @param overlap each item goes to this many annotators (1..N); null means all N
 * @param samplePerRun responses drawn at random per run and dataset; null means all
 * @param seed seed of sampling, pooling and orders; null draws one (it is recorded in the key)
 * @param datasets only these datasets of each run; empty means every dataset the run has
 */
public record ExportOptions(
        Path out, int annotators, Integer overlap, Integer samplePerRun, Long seed, List<String> datasets) {

    public ExportOptions {
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
    }

    public static ExportOptions of(Path out, int annotators) {
        return new ExportOptions(out, annotators, null, null, null, List.of());
    }

    public ExportOptions withOverlap(int k) {
        return new ExportOptions(out, annotators, k, samplePerRun, seed, datasets);
    }

    public ExportOptions withSample(int m) {
        return new ExportOptions(out, annotators, overlap, m, seed, datasets);
    }

    public ExportOptions withSeed(long s) {
        return new ExportOptions(out, annotators, overlap, samplePerRun, s, datasets);
    }

    public ExportOptions withDatasets(List<String> names) {
        return new ExportOptions(out, annotators, overlap, samplePerRun, seed, names);
    }

    /** Overlap actually used: the given value or N. */
    public int effectiveOverlap() {
        return overlap == null ? annotators : overlap;
    }
}
