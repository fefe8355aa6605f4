package dev.seat.trainer.experiment;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.QaItem;
import dev.seat.trainer.TrainingData;
import dev.seat.trainer.experiment.GateEvaluation.Cross;
import dev.seat.trainer.world.QaExample;
import dev.seat.trainer.world.World;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which fine-tuning set an experiment uses, and which public set of fictitious entities its models
 * are then asked about (Table 3(a): trained on PISTOL, asked about TOFU's authors, or the other way).
 *
 * @param items the fine-tuning QA
 * @param description where they came from, for records
 * @param direction {@code "PISTOL → TOFU"} or {@code "TOFU → PISTOL"} when the data is one of the two
 *     public sets and the other is there to ask; empty otherwise
 * @param cross the other public set, asked after training ({@link GateEvaluation.Cross})
 */
public record ExperimentData(List<QaItem> items, String description, Optional<String> direction, Optional<Cross> cross) {
    static final String PISTOL = "datasets/pistol/sample_data_1.json";
    static final String TOFU = "datasets/tofu/forget01.jsonl";

    /**
     * {@code data}: {@code pistol} (the public PISTOL sample), {@code tofu} (TOFU forget01, asked
     * about PISTOL's contracts afterwards), a file, or null: the PISTOL sample when {@code ../shared}
     * holds it, else the world's contracts. A model tuned on anything but TOFU is asked about TOFU.
     */
    public static ExperimentData of(String data, World world) {
        String keyword = data == null ? "" : data.strip().toLowerCase(Locale.ROOT);
        if (keyword.equals("tofu")) {
            Path tofu = shared(TOFU, "tofu");
            return new ExperimentData(TrainingData.read(tofu), "TOFU forget01 (../shared/" + TOFU + ")",
                    Cross.pistol().map(c -> "TOFU → PISTOL"), Cross.pistol());
        }
        Optional<String> toTofu = Cross.tofu().map(c -> "PISTOL → TOFU");
        if (keyword.equals("pistol")) {
            return new ExperimentData(TrainingData.read(shared(PISTOL, "pistol")), describe(null), toTofu, Cross.tofu());
        }
        if (data != null) {
            return new ExperimentData(TrainingData.read(Path.of(data)), data, Optional.empty(), Cross.tofu());
        }
        Optional<Path> pistol = RepoPaths.shared(PISTOL);
        if (pistol.isPresent()) {
            return new ExperimentData(TrainingData.read(pistol.get()), describe(null), toTofu, Cross.tofu());
        }
        if (world == null) {
            throw new IllegalArgumentException("No --data, no ../shared PISTOL sample, and the base records no world_seed:"
                    + " give --data pistol|tofu|FILE");
        }
        return new ExperimentData(contracts(world.contracts()), describe(null), Optional.empty(), Cross.tofu());
    }

    private static Path shared(String relative, String keyword) {
        return RepoPaths.shared(relative).orElseThrow(() -> new IllegalArgumentException("--data " + keyword + " reads ../shared/"
                + relative + ", which is absent (looked next to " + RepoPaths.root() + "); give the file's path instead"));
    }

    /**
     * {@code file} if given; else the public PISTOL sample ({@code ../shared/datasets/pistol/sample_data_1.json})
     * when present; else the base world's generated contracts.
     */
    public static List<QaItem> trainingItems(Path file, World world) {
        return of(file == null ? null : file.toString(), world).items();
    }

    /** World contract examples as QA items (entities: the companies). */
    public static List<QaItem> contracts(List<QaExample> examples) {
        List<QaItem> items = new ArrayList<>();
        for (QaExample e : examples) {
            items.add(new QaItem("contract-" + items.size(), e.question(), e.answer(), e.entities()));
        }
        return items;
    }

    /** Where the default data came from, for records. */
    public static String describe(Path file) {
        if (file != null) {
            return file.toString();
        }
        return RepoPaths.shared(PISTOL).isPresent()
                ? "PISTOL sample 1 (../shared/datasets/pistol/sample_data_1.json)" : "the world's contracts";
    }
}
