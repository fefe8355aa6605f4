package dev.seat.humaneval.report;

import dev.seat.humaneval.key.KeyItem;
import dev.seat.harness.metrics.MeanStderr;
import java.util.List;
import java.util.Map;

/**
 * Human scores of one run and dataset.
 *
 * @param runDataset run folder and dataset
 * @param runId run folder name
 * @param checkpoint checkpoint name
 * @param items all exported items of this run and dataset
 * @param idkHa mean ± stderr of the item scores over scored items
 * @param unlabelled items without any refusal label
 * @param incomplete items whose majority says refusal but whose entailment nobody labelled
 * @param annotators annotators with labels on these items, sorted
 * @param perAnnotator each annotator's own IDK_HA over the items they labelled
 * @param refusalAgreement agreement on refusal outcome
 * @param entailmentAgreement agreement on semantic entailment
 * @param automatic IDK_SM / IDK_CS against the humans
 */
public record RunResult(
        KeyItem.RunDataset runDataset,
        String runId,
        String checkpoint,
        List<ItemJudgement> items,
        MeanStderr idkHa,
        int unlabelled,
        int incomplete,
        List<String> annotators,
        Map<String, MeanStderr> perAnnotator,
        AgreementSummary refusalAgreement,
        AgreementSummary entailmentAgreement,
        AutomaticVsHuman automatic) {

    public String dataset() {
        return runDataset.dataset();
    }

    public String run() {
        return runDataset.run();
    }
}
