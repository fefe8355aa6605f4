package dev.seat.harness.tasks;

import java.util.Map;

/**
 * Where the split of a Hugging Face Hub dataset named by an lm-eval task file is read from: the copy in
 * the data folder when seat knows one (the layouts of {@code ../shared/datasets/benchmarks}, read by the
 * same {@link DocFormats} as the built-in tasks, so a task file and the built-in task see the same
 * documents), else the Hub ({@link HubSource#split}). Legacy canonical names ({@code ai2_arc},
 * {@code piqa}, {@code truthful_qa}, ...) stand for the repositories they redirect to.
 */
public final class HubDatasets {
    /** Canonical dataset names of older lm-eval task files and the repositories that hold them now. */
    static final Map<String, String> ALIASES = Map.of(
            "ai2_arc", "allenai/ai2_arc",
            "piqa", "ybisk/piqa",
            "hellaswag", "Rowan/hellaswag",
            "sciq", "allenai/sciq",
            "openbookqa", "allenai/openbookqa",
            "truthful_qa", "truthfulqa/truthful_qa",
            "gsm8k", "openai/gsm8k",
            "trivia_qa", "mandarjoshi/trivia_qa",
            "hails/mmlu_no_train", "cais/mmlu");

    private HubDatasets() {}

    /** The repository {@code datasetPath} names. */
    public static String repo(String datasetPath) {
        return ALIASES.getOrDefault(datasetPath, datasetPath);
    }

    /**
     * One split of a Hub dataset: a local copy's path and format (looked up in the data folder) with
     * the Hub as the source when that copy is absent.
     *
     * @param config {@code dataset_name}, or null
     */
    public static DatasetSpec split(String datasetPath, String config, String split) {
        String repo = repo(datasetPath);
        HubSource hub = HubSource.split(repo, config, split);
        DatasetSpec local = local(repo, config, split, hub);
        return local != null ? local
                : new DatasetSpec("hub/" + repo + "/" + (config == null ? "default" : config) + "/" + split + ".parquet", "jsonl", null, hub);
    }

    /** The copy of ../shared/datasets/benchmarks for a split, or null: only copies of the same documents. */
    private static DatasetSpec local(String repo, String config, String split, HubSource hub) {
        boolean train = split.equals("train");
        return switch (repo + "|" + config) {
            case "allenai/ai2_arc|ARC-Easy" -> split.equals("test") || train
                    ? new DatasetSpec(train ? "arc/arc_easy_train.jsonl" : "arc/arc_easy.jsonl", "arc", null, hub) : null;
            case "allenai/ai2_arc|ARC-Challenge" -> split.equals("test") || train
                    ? new DatasetSpec(train ? "arc/arc_challenge_train.jsonl" : "arc/arc_challenge.jsonl", "arc", null, hub) : null;
            case "ybisk/piqa|null" -> split.equals("validation") || train
                    ? new DatasetSpec("piqa/" + (train ? "train" : "valid") + ".jsonl", "piqa",
                            "piqa/" + (train ? "train" : "valid") + "-labels.lst", hub) : null;
            case "openai/gsm8k|main" -> split.equals("test") || train ? new DatasetSpec("gsm8k/" + split + ".jsonl", "jsonl", null, hub) : null;
            case "allenai/openbookqa|main" -> split.equals("test") || train
                    ? new DatasetSpec(train ? "openbookqa/train.jsonl" : "openbookqa/openbook_qa.jsonl", "openbookqa", null, hub) : null;
            case "truthfulqa/truthful_qa|multiple_choice" -> split.equals("validation")
                    ? new DatasetSpec("truthfulqa/data/v1/mc_task.json", "truthfulqa_mc", null, hub) : null;
            default -> repo.equals("cais/mmlu") && config != null && (split.equals("test") || split.equals("dev"))
                    ? new DatasetSpec("mmlu/" + split + "/" + config + "_" + split + ".csv", "mmlu", null, hub) : null;
        };
    }
}
