package dev.seat.harness.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.metrics.IdkCosine;
import dev.seat.harness.metrics.IdkStringMatch;
import dev.seat.harness.metrics.MetricValue;
import dev.seat.harness.metrics.OnnxSentenceEmbedder;
import dev.seat.harness.metrics.PhraseList;
import dev.seat.harness.metrics.Pooling;
import dev.seat.harness.metrics.Rouge;
import dev.seat.harness.metrics.RougeScore;
import dev.seat.harness.results.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seat score}: re-scores saved responses without a model and prints the metrics as JSON.
 *
 * <p>Input: a JSONL file, one object per line, with the response in {@code prediction} (or
 * {@code response}, as in seat's own {@code responses-<dataset>.jsonl}) and, for ROUGE, the
 * expected answer in {@code reference}. Blank lines are skipped. Rows without a reference are
 * left out of ROUGE (its {@code n} says how many were scored); without {@code --metrics}, ROUGE
 * is computed only if some row has a reference. {@code --references} is the IDK_CS reference
 * phrase list (not ROUGE references, which come from the rows).
 *
 * <p>Output on stdout: {@code {"responses": FILE, "rows": N, "metrics": {"idk_sm": {"mean",
 * "stderr", "n", ...}, ...}}}; ROUGE's mean is the mean recall (the FT score for rouge1), with
 * mean precision and F alongside; a mean over no items is {@code null}. An unreadable file, a malformed line (named by file and line
 * number), an unknown metric or a bad phrase file print one error line on stderr and exit 2.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Re-score saved responses (JSONL with \"prediction\" or \"response\", optional \"reference\") "
                + "without a model; prints JSON with each metric's mean, stderr and n.")
public final class ScoreCommand implements Callable<Integer> {
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;
    static final List<String> METRICS = List.of("idk_sm", "idk_cs", "rouge1", "rougeL");

    @Spec
    CommandSpec spec;

    @Option(names = "--responses", required = true, paramLabel = "FILE.jsonl",
            description = "JSONL rows with \"prediction\" (or \"response\") and optional \"reference\".")
    Path responses;

    @Option(names = "--metrics", split = ",", paramLabel = "NAME", defaultValue = "idk_sm,idk_cs,rouge1,rougeL",
            description = "Comma-separated: idk_sm, idk_cs, rouge1, rougeL (default: ${DEFAULT-VALUE}).")
    List<String> metrics;

    @Option(names = "--references", paramLabel = "FILE",
            description = "Reference ignorance phrases for idk_cs: JSON array of {\"instruction\": ...} "
                    + "(like idontknow.json), JSON array of strings, or one phrase per line. "
                    + "Default: seat's bundled " + IdkCosine.DEFAULT_RESOURCE + ".")
    Path references;

    @Option(names = "--phrases", paramLabel = "FILE",
            description = "Phrase list for idk_sm that replaces the bundled " + IdkStringMatch.DEFAULT_RESOURCE + ".")
    Path phrases;

    @Option(names = "--extra-phrases", paramLabel = "FILE",
            description = "Phrases added to the idk_sm list (bundled or --phrases).")
    Path extraPhrases;

    @Option(names = "--embedder", paramLabel = "DIR",
            description = "Folder with model.onnx + tokenizer.json for idk_cs instead of bge-small-en-v1.5.")
    Path embedderDir;

    @Option(names = "--pooling", paramLabel = "cls|mean", defaultValue = "cls",
            description = "Pooling of the --embedder model (default: ${DEFAULT-VALUE}).")
    String pooling;

    @Option(names = "--batch-size", defaultValue = "32", description = "Embedding batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    /** One input row. */
    record Row(int line, String prediction, String reference) {}

    /** Bad user input: printed as one line, exit code {@value #BAD_INPUT}. */
    static final class InputException extends RuntimeException {
        InputException(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        try {
            Set<String> selected = selectedMetrics();
            List<Row> rows = readRows(responses);
            ObjectNode out = Json.object();
            out.put("responses", responses.toString());
            out.put("rows", rows.size());
            ObjectNode results = out.putObject("metrics");
            List<String> predictions = rows.stream().map(Row::prediction).toList();
            boolean anyReference = rows.stream().anyMatch(r -> r.reference() != null);
            boolean defaultMetrics = !spec.commandLine().getParseResult().hasMatchedOption("--metrics");
            if (defaultMetrics && !anyReference) {
                // the default list asks for ROUGE only where the file can support it
                selected.removeAll(List.of("rouge1", "rougeL"));
            }
            for (String metric : selected) {
                switch (metric) {
                    case "idk_sm" -> idkSm(results, predictions);
                    case "idk_cs" -> idkCs(results, predictions);
                    case "rouge1", "rougeL" -> rouge(results, metric, rows);
                    default -> throw new IllegalStateException(metric);
                }
            }
            spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(out));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (InputException | IllegalArgumentException | java.io.UncheckedIOException e) {
            spec.commandLine().getErr().println("seat score: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return BAD_INPUT;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> selectedMetrics() {
        Set<String> selected = new LinkedHashSet<>();
        for (String m : metrics) {
            String name = m.strip();
            String canonical = METRICS.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new InputException("unknown metric '" + name + "' in --metrics; expected "
                            + String.join(", ", METRICS)));
            selected.add(canonical);
        }
        if (selected.isEmpty()) {
            throw new InputException("--metrics is empty; expected some of " + String.join(", ", METRICS));
        }
        return selected;
    }

    /** Reads the JSONL rows; a malformed line is reported with file and line number. */
    static List<Row> readRows(Path file) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    rows.add(parseRow(file, lineNo, line));
                }
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (rows.isEmpty()) {
            throw new InputException(file + ": no rows (expected one JSON object per line)");
        }
        return rows;
    }

    private static Row parseRow(Path file, int lineNo, String line) {
        String where = file + " line " + lineNo + ": ";
        JsonNode node;
        try {
            node = Json.LARGE_VALUES.readTree(line); // a response may be longer than Jackson's default 20M
        } catch (JsonProcessingException e) {
            throw new InputException(where + "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new InputException(where + "expected a JSON object with \"prediction\" (or \"response\"), got "
                    + abbreviate(line));
        }
        JsonNode prediction = node.has("prediction") ? node.get("prediction") : node.get("response");
        String field = node.has("prediction") ? "prediction" : "response";
        if (prediction == null || !prediction.isTextual()) {
            throw new InputException(where + (prediction == null
                    ? "missing \"prediction\" (or \"response\")"
                    : "\"" + field + "\" is " + abbreviate(prediction.toString()) + ", expected a string"));
        }
        JsonNode reference = node.get("reference");
        if (reference != null && !reference.isNull() && !reference.isTextual()) {
            throw new InputException(where + "\"reference\" is " + abbreviate(reference.toString())
                    + ", expected a string or null");
        }
        return new Row(lineNo, prediction.asText(), reference == null || reference.isNull() ? null : reference.asText());
    }

    private void idkSm(ObjectNode results, List<String> predictions) {
        IdkStringMatch sm = phrases != null ? IdkStringMatch.load(phrases) : IdkStringMatch.defaults();
        if (extraPhrases != null) {
            sm = sm.extendedWith(extraPhrases);
        }
        ObjectNode node = put(results, sm.score(predictions));
        node.put("phrases", sm.version());
    }

    private void idkCs(ObjectNode results, List<String> predictions) {
        PhraseList refs = references != null ? PhraseList.load(references) : IdkCosine.defaultReferences();
        OnnxSentenceEmbedder.Options options =
                new OnnxSentenceEmbedder.Options(OnnxSentenceEmbedder.Options.DEFAULT.maxLength(), batchSize, 0);
        try (OnnxSentenceEmbedder embedder = embedderDir != null
                ? OnnxSentenceEmbedder.fromFolder(embedderDir, Pooling.parse(pooling), options)
                : OnnxSentenceEmbedder.bgeSmallEnV15(options)) {
            IdkCosine cs = new IdkCosine(embedder, refs);
            ObjectNode node = put(results, cs.score(predictions));
            node.put("embedder", embedder.id());
            node.put("references", refs.version());
        }
    }

    private void rouge(ObjectNode results, String metric, List<Row> rows) {
        List<Row> withReference = rows.stream().filter(r -> r.reference() != null).toList();
        if (withReference.isEmpty()) {
            throw new InputException(metric + " needs a \"reference\" in the rows of " + responses + "; none has one");
        }
        Rouge rouge = new Rouge();
        int n = withReference.size();
        double[] recall = new double[n];
        double precisionSum = 0;
        double fSum = 0;
        for (int i = 0; i < n; i++) {
            Row row = withReference.get(i);
            RougeScore s = metric.equals("rouge1")
                    ? rouge.rouge1(row.reference(), row.prediction())
                    : rouge.rougeL(row.reference(), row.prediction());
            recall[i] = s.recall();
            precisionSum += s.precision();
            fSum += s.fmeasure();
        }
        ObjectNode node = put(results, MetricValue.of(metric, recall));
        node.put("measure", "recall");
        node.put("precision", precisionSum / n);
        node.put("fmeasure", fSum / n);
        node.put("rows_without_reference", rows.size() - n);
    }

    private static ObjectNode put(ObjectNode results, MetricValue value) {
        ObjectNode node = results.putObject(value.name());
        putNumber(node, "mean", value.mean());
        putNumber(node, "stderr", value.stderr());
        node.put("n", value.n());
        return node;
    }

    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
