package dev.seat.trainer.experiment;

import dev.seat.harness.RepoPaths;
import dev.seat.harness.data.QaItem;
import dev.seat.trainer.TrainingData;
import dev.seat.trainer.world.QaExample;
import dev.seat.trainer.world.World;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which fine-tuning set an experiment uses when none is given. */
public final class ExperimentData {
    private ExperimentData() {}

    /**
     * {@code file} if given; else the public PISTOL sample ({@code ../shared/datasets/pistol/sample_data_1.json})
     * when present; else the base world's generated contracts.
     */
    public static List<QaItem> trainingItems(Path file, World world) {
        if (file != null) {
            return TrainingData.read(file);
        }
        Optional<Path> pistol = RepoPaths.shared("datasets/pistol/sample_data_1.json");
        if (pistol.isPresent()) {
            return TrainingData.read(pistol.get());
        }
        if (world == null) {
            throw new IllegalArgumentException("No --data, no ../shared PISTOL sample, and the base records no world_seed");
        }
        return contracts(world.contracts());
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
        return RepoPaths.shared("datasets/pistol/sample_data_1.json").isPresent()
                ? "PISTOL sample 1 (../shared/datasets/pistol/sample_data_1.json)" : "the world's contracts";
    }
}
