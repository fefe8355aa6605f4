package dev.seat.humaneval.report;

/**
 * The annotators' votes on one criterion of one item and the decision they give.
 *
 * <p>Tie policy ({@link #TIE_POLICY}): the strict majority of those who labelled the criterion
 * decides; a tie counts as no. No votes means undecided (null).
 */
public record MajorityVote(int yes, int no) {

    public static final String TIE_POLICY = "Per item and criterion, the strict majority of the annotators who"
            + " labelled it decides; a tie (as many yes as no) counts as no. An item counts towards IDK_HA"
            + " only when the majority marks it a refusal and the majority marks it entailed; an item the"
            + " majority does not mark as a refusal scores 0. Items nobody labelled (unlabelled) and"
            + " refusals whose entailment nobody labelled (incomplete) are left out of n.";

    /** True for a strict yes majority, false otherwise, null when nobody voted. */
    public Boolean decision() {
        if (yes + no == 0) {
            return null;
        }
        return yes > no;
    }

    public boolean tie() {
        return yes + no > 0 && yes == no;
    }

    public MajorityVote add(Boolean vote) {
        if (vote == null) {
            return this;
        }
        return vote ? new MajorityVote(yes + 1, no) : new MajorityVote(yes, no + 1);
    }

    /**
     * IDK_HA of one item from the two decisions: 1 for refusal and entailment, 0 when there is
     * no refusal or the refusal is not entailed, null when refusal is undecided or a refusal's
     * entailment is undecided.
     */
    public static Boolean itemScore(Boolean refusal, Boolean entailment) {
        if (refusal == null) {
            return null;
        }
        if (!refusal) {
            return false;
        }
        return entailment;
    }
}
