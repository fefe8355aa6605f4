package dev.seat.harness.engine;

import dev.seat.harness.data.DatasetException;
import dev.seat.harness.data.QaDatasets;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.results.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The questions a suite asks: read from {@code dataset.<name>} or the suite's built-in resource,
 * cut to the limit. {@link #available()} is false when neither is given; {@link #unavailableReason()}
 * then says what to configure. A missing or malformed file is a {@link SeatConfigurationException}
 * naming the file and line.
 *
 * @param name the logical dataset name
 * @param source where the questions came from (a path, or {@code classpath:...})
 * @param fileSha256 digest of the whole source file
 * @param items the questions asked (after the limit)
 * @param itemsSha256 digest of the questions asked (ids, questions, answers), part of the cache key
 * @param unavailableReason why there are no questions, or null
 */
record SuiteDataset(String name, String source, String fileSha256, List<QaItem> items, String itemsSha256,
        String unavailableReason) {

    boolean available() {
        return unavailableReason == null;
    }

    static SuiteDataset resolve(IgnoranceSuite suite, Class<?> suiteClass, SeatConfiguration config) {
        String name = suite.dataset();
        Optional<Path> configured = config.dataset(name);
        int limit = config.limit().orElse(suite.limit() > 0 ? suite.limit() : Integer.MAX_VALUE);
        if (configured.isPresent()) {
            Path file = configured.get();
            if (!Files.isRegularFile(file)) {
                throw new SeatConfigurationException("Dataset file " + file + " not found (configuration parameter '"
                        + SeatConfiguration.DATASET_PREFIX + name + "')");
            }
            return load(name, file.toString(), file, limit);
        }
        if (!suite.defaultQuestions().isEmpty()) {
            URL url = suiteClass.getResource(suite.defaultQuestions());
            if (url == null) {
                throw new SeatConfigurationException("Built-in question set '" + suite.defaultQuestions() + "' of "
                        + suiteClass.getName() + " is not on the classpath");
            }
            return load(name, "classpath:" + url, asFile(url, suite.defaultQuestions()), limit);
        }
        String reason = suite.whenMissing().isEmpty()
                ? "no '" + name + "' questions configured: pass -D" + SeatConfiguration.DATASET_PREFIX + name
                        + "=FILE (JSON array or JSON Lines of question/answer records)"
                : suite.whenMissing();
        return new SuiteDataset(name, null, null, List.of(), null, reason);
    }

    private static SuiteDataset load(String name, String source, Path file, int limit) {
        List<QaItem> all;
        try {
            all = QaDatasets.read(file);
        } catch (DatasetException | UncheckedIOException e) {
            throw new SeatConfigurationException("Dataset '" + name + "': " + e.getMessage(), e);
        }
        if (all.isEmpty()) {
            throw new SeatConfigurationException("Dataset '" + name + "': " + file + " holds no questions");
        }
        List<QaItem> items = List.copyOf(all.subList(0, Math.min(limit, all.size())));
        StringBuilder sb = new StringBuilder();
        for (QaItem q : items) {
            sb.append(q.id()).append('\u0000').append(q.question()).append('\u0000')
                    .append(q.answer() == null ? "" : q.answer()).append('\u0001');
        }
        return new SuiteDataset(name, source, Digests.sha256(file), items, Digests.sha256(sb.toString()), null);
    }

    /** A resource as a file: itself when it is one, else a copy in a temporary folder. */
    private static Path asFile(URL url, String resourceName) {
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("Unexpected resource URL " + url, e);
            }
        }
        try (InputStream in = url.openStream()) {
            Path dir = Files.createTempDirectory("seat-questions");
            Path copy = dir.resolve(Path.of(resourceName).getFileName().toString());
            Files.copy(in, copy);
            copy.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read built-in question set " + url + ": " + e.getMessage(), e);
        }
    }
}
