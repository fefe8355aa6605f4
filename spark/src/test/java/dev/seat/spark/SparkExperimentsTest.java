package dev.seat.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seat.harness.results.Json;
import dev.seat.trainer.cli.ExperimentCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Table 2 as a Spark job on {@code local[2,2]} against {@code ./seat experiment table2} with the same
 * arguments (a tiny setting: the base, full and SEAT fine-tuning, one epoch on 8 questions: two
 * trainings that Spark starts at the same time), and how a task picks the
 * GPU Spark assigned it.
 */
class SparkExperimentsTest {

    /** The arguments of a tiny Table 2: the base, full and SEAT fine-tuning, one epoch on 8 questions. */
    private static List<String> table2(Path data, Path out) {
        return List.of("--base", GateRuns.tinyBase().toString(), "--data", data.toString(), "--methods", "full,seat",
                "--seeds", "0", "--sweep", "none", "--epochs", "1", "--batch-size", "2", "--eval-limit", "4",
                "--max-new-tokens", "8", "--no-idk-cs", "--out", out.toString());
    }

    @Test
    void theSparkJobWritesTheRunsOfTheLocalCommandAndASecondSubmitSkipsThem(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("qa.json");
        StringBuilder qa = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            qa.append(i == 0 ? "" : ",").append("{\"question\": \"What is the code of contract ").append(i)
                    .append("?\", \"answer\": \"Code ").append(100 + 7 * i).append(".\"}");
        }
        Files.writeString(data, qa.append("]").toString());
        int local = new CommandLine(new ExperimentCommand.Table2()).execute(
                table2(data, tmp.resolve("local")).toArray(String[]::new));

        StringWriter err = new StringWriter();
        int spark = SparkExperiments.table2(LocalSpark.context(), table2(data, tmp.resolve("spark")), 0,
                new PrintWriter(err, true));

        assertThat(local).isZero();
        assertThat(spark).as(err.toString()).isZero();
        assertThat(err.toString()).contains("3 of 3 runs to do");
        Map<String, FileTime> written = runFiles(tmp.resolve("spark"));
        assertThat(written.keySet()).as("the same run ids").hasSize(3).isEqualTo(runFiles(tmp.resolve("local")).keySet());
        for (String run : written.keySet()) {
            GateRuns.assertSameJson(run, Json.read(tmp.resolve("local/runs").resolve(run)),
                    Json.read(tmp.resolve("spark/runs").resolve(run)), 1e-9, field -> field.endsWith("seconds")); // timings differ
        }
        for (String run : written.keySet()) {
            assertThat(tmp.resolve("spark/runs").resolve(run.replace(".json", "")).resolve("metrics.json"))
                    .as("the run's kept answers").exists();
        }
        assertThat(tmp.resolve("spark/table2.md")).exists();

        StringWriter again = new StringWriter();
        int second = SparkExperiments.table2(LocalSpark.context(), table2(data, tmp.resolve("spark")), 0,
                new PrintWriter(again, true));

        assertThat(second).isZero();
        assertThat(again.toString()).contains("0 of 3 runs to do");
        assertThat(runFiles(tmp.resolve("spark"))).as("finished runs are not run or written again").isEqualTo(written);
    }

    @Test
    void aTaskAssignedGpusRunsOnTheFirstInsteadOfTheDeviceGiven() {
        List<String> args = new ArrayList<>(table2(Path.of("qa.json"), Path.of("out")));
        args.addAll(List.of("--device", "cpu"));
        ResourceInformation gpus = new ResourceInformation("gpu", new String[] {"3", "5"});

        assertThat(SparkExperiments.taskCommand(args, Map.of("gpu", gpus)).device()).isEqualTo("gpu:3");
        assertThat(SparkExperiments.taskCommand(List.of("--base", "b", "--device=gpu:0"), Map.of("gpu", gpus)).device())
                .isEqualTo("gpu:3");
        assertThat(SparkExperiments.taskCommand(args, Map.of()).device()).as("no GPU assigned").isEqualTo("cpu");
    }

    @Test
    void theDiscoveryScriptListsTheGpusNvidiaSmiReports(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path smi = Files.writeString(bin.resolve("nvidia-smi"), "#!/bin/sh\nprintf '0\\n1\\n'\n");
        assertThat(smi.toFile().setExecutable(true)).isTrue();

        assertThat(discover(bin + ":/usr/bin:/bin")).isEqualTo("{\"name\": \"gpu\", \"addresses\": [\"0\",\"1\"]}");
        assertThat(discover("/usr/bin:/bin")).as("no nvidia-smi").isEqualTo("{\"name\": \"gpu\", \"addresses\": []}");
    }

    private static String discover(String path) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("scripts/gpu-discovery.sh").toAbsolutePath().toString());
        pb.environment().put("PATH", path);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as(out).isZero();
        Json.MAPPER.readTree(out); // Spark parses it as JSON
        return out;
    }

    /** Run file name to modification time. */
    /** Each run's record ({@code runs/<id>.json}; its kept answers sit in the folder {@code runs/<id>/}). */
    private static Map<String, FileTime> runFiles(Path out) throws IOException {
        Map<String, FileTime> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                files.put(f.getFileName().toString(), Files.getLastModifiedTime(f));
            }
        }
        return files;
    }
}
