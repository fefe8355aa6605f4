package dev.seat.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.RepoPaths;
import dev.seat.harness.engine.GateLauncher;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Gate runs of the tests, local and on Spark, with their output, and comparisons of their run folders. */
final class GateRuns {
    /** Two sets of the embedded model's gate, 12 questions each, batches of 4: three batches per set. */
    static final List<String> SUITES = List.of("UnverifiableQuestions", "UnseenEntities");

    /** A finished gate: exit code, printed report, error output. */
    record Gate(int exit, String out, String err) {}

    private GateRuns() {}

    static Path tinyBase() {
        return RepoPaths.defaultCheckpoint().toAbsolutePath().normalize();
    }

    static Map<String, String> config(Path checkpoint, Path results, String runId) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("checkpoint", checkpoint.toString());
        c.put("results", results.toString());
        c.put("runId", runId);
        c.put("limit", "12");
        c.put("batchSize", "4");
        return c;
    }

    static Gate local(Map<String, String> config) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = GateLauncher.run(config, SUITES, false, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Gate(exit, out.toString(), err.toString());
    }

    static Gate spark(SparkGate.Options options, Map<String, String> config) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SparkGate.run(LocalSpark.context(), options, config, SUITES, false, new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Gate(exit, out.toString(), err.toString());
    }

    /** A copy of a checkpoint folder under another name. */
    static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every responses file of two run folders is byte-equal, and both hold the same ones. */
    static void assertSameResponses(Path a, Path b) throws IOException {
        List<String> namesA = responseFiles(a);
        assertThat(namesA).as("responses files of " + a).isNotEmpty().isEqualTo(responseFiles(b));
        for (String name : namesA) {
            assertThat(Files.readAllBytes(b.resolve(name))).as(name).isEqualTo(Files.readAllBytes(a.resolve(name)));
        }
    }

    /** Both metrics.json files hold the same fields, numbers within 1e-12. */
    static void assertSameMetrics(Path a, Path b) {
        assertSameJson("metrics", Json.read(a.resolve("metrics.json")), Json.read(b.resolve("metrics.json")), 1e-12,
                field -> false);
    }

    /** The same JSON, fields in the same order, numbers within {@code tolerance}; the values of fields {@code skip} names are not compared. */
    static void assertSameJson(String where, JsonNode a, JsonNode b, double tolerance, Predicate<String> skip) {
        if (a.isNumber()) {
            assertThat(b.isNumber()).as(where).isTrue();
            assertThat(b.asDouble()).as(where).isCloseTo(a.asDouble(), org.assertj.core.data.Offset.offset(tolerance));
        } else if (a.isContainerNode()) {
            assertThat(b.size()).as(where).isEqualTo(a.size());
            if (a.isObject()) {
                List<String> names = new ArrayList<>();
                a.fieldNames().forEachRemaining(names::add);
                List<String> namesB = new ArrayList<>();
                b.fieldNames().forEachRemaining(namesB::add);
                assertThat(namesB).as(where).isEqualTo(names);
                for (String f : names) {
                    if (!skip.test(f)) {
                        assertSameJson(where + "." + f, a.get(f), b.get(f), tolerance, skip);
                    }
                }
            } else {
                for (int i = 0; i < a.size(); i++) {
                    assertSameJson(where + "[" + i + "]", a.get(i), b.get(i), tolerance, skip);
                }
            }
        } else {
            assertThat(b).as(where).isEqualTo(a);
        }
    }

    private static List<String> responseFiles(Path run) throws IOException {
        try (Stream<Path> files = Files.list(run)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("responses-")).sorted().toList();
        }
    }
}
