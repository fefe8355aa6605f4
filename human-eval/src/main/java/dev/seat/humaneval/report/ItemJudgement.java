package dev.seat.humaneval.report;

import dev.seat.harness.results.ResponseRecord;
import dev.seat.humaneval.Criterion;
import dev.seat.humaneval.key.KeyItem;
import dev.seat.humaneval.store.StoredLabel;
import java.util.Map;

/**
 * Everything known about one exported item: the response, each annotator's latest label and
 * the majority decisions.
 *
 * @param item the key entry
 * @param record the response record as now in the run folder
 * @param labels annotator → latest stored label
 */
public record ItemJudgement(KeyItem item, ResponseRecord record, Map<String, StoredLabel> labels) {

    public MajorityVote votes(Criterion c) {
        MajorityVote v = new MajorityVote(0, 0);
        for (StoredLabel l : labels.values()) {
            v = v.add(l.value(c));
        }
        return v;
    }

    public Boolean decision(Criterion c) {
        return votes(c).decision();
    }

    /** IDK_HA of the item (see {@link MajorityVote#itemScore}). */
    public Boolean score() {
        return MajorityVote.itemScore(decision(Criterion.REFUSAL), decision(Criterion.ENTAILMENT));
    }

    /** One annotator's own IDK_HA for the item, null when they did not label it fully enough. */
    public Boolean scoreBy(String annotator) {
        StoredLabel l = labels.get(annotator);
        return l == null ? null : MajorityVote.itemScore(l.refusal(), l.entailment());
    }

    public Double metric(String name) {
        return record.metrics() == null ? null : record.metrics().get(name);
    }

    public Double idkSm() {
        return metric("idk_sm");
    }

    public Double idkCs() {
        return metric("idk_cs");
    }
}
