package dev.seat.humaneval.report;

import dev.seat.humaneval.Criterion;
import dev.seat.humaneval.stats.BinaryConfusion;
import dev.seat.harness.metrics.MeanStderr;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link HumanEvalReport} as Markdown. */
public final class MarkdownReport {
    private MarkdownReport() {}

    public static String render(HumanEvalReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Human evaluation (export ").append(r.key().exportId()).append(")\n\n");
        md.append("Exported ").append(r.key().created()).append(", ").append(r.key().items().size())
                .append(" items, each given to ").append(r.key().overlap()).append(" of ")
                .append(r.key().annotators().size()).append(" annotators; labels from ").append(r.rounds())
                .append(" ingest round(s), latest round per annotator and item; annotators with labels: ")
                .append(r.annotators().isEmpty() ? "none" : String.join(", ", r.annotators())).append(".\n\n");
        if (!r.unreadableRounds().isEmpty()) {
            md.append("**Not counted:** ").append(r.unreadableRounds().size())
                    .append(" stored round(s) could not be read; their labels are left out of every number below.\n\n");
            r.unreadableRounds().forEach(u -> md.append("- ").append(u).append('\n'));
            md.append('\n');
        }
        md.append("**Tie policy.** ").append(MajorityVote.TIE_POLICY).append("\n\n");
        md.append("IDK_HA = mean over scored items of (refusal ∧ entailment); ± is the standard error,"
                + " sample standard deviation / √n.\n\n");

        md.append("## IDK_HA per run\n\n");
        md.append("| checkpoint | run | dataset | IDK_HA | ± stderr | n | unlabelled | incomplete | IDK_SM on these items |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (RunResult run : r.runs()) {
            md.append("| ").append(cell(run.checkpoint())).append(" | ").append(cell(run.runId())).append(" | ")
                    .append(cell(run.dataset())).append(" | ").append(num(run.idkHa().mean())).append(" | ")
                    .append(num(run.idkHa().stderr())).append(" | ").append(run.idkHa().n()).append(" | ")
                    .append(run.unlabelled()).append(" | ").append(run.incomplete()).append(" | ")
                    .append(num(meanSm(run))).append(" |\n");
        }

        md.append("\n## Per annotator\n\n");
        md.append("Each annotator's own IDK_HA (their labels alone) over the items they labelled.\n\n");
        md.append("| checkpoint | run | dataset | annotator | IDK_HA | ± stderr | n |\n|---|---|---|---|---|---|---|\n");
        for (RunResult run : r.runs()) {
            for (Map.Entry<String, MeanStderr> e : run.perAnnotator().entrySet()) {
                md.append("| ").append(cell(run.checkpoint())).append(" | ").append(cell(run.runId())).append(" | ")
                        .append(cell(run.dataset())).append(" | ").append(cell(e.getKey())).append(" | ")
                        .append(num(e.getValue().mean())).append(" | ").append(num(e.getValue().stderr()))
                        .append(" | ").append(e.getValue().n()).append(" |\n");
            }
        }

        md.append("\n## Agreement between annotators (all items)\n\n");
        md.append("| criterion | items rated twice+ | percent agreement | Fleiss' κ | Krippendorff's α (nominal) | Gwet's AC1 | mean Cohen's κ |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Criterion c : Criterion.values()) {
            AgreementSummary s = r.agreement(c);
            md.append("| ").append(c.title()).append(" | ").append(s.itemsRatedTwice()).append(" | ")
                    .append(num(s.percent())).append(" | ").append(num(s.fleissKappa())).append(" | ")
                    .append(num(s.krippendorffAlpha())).append(" | ").append(num(s.gwetAc1())).append(" | ")
                    .append(num(s.meanCohenKappa())).append(" |\n");
        }
        md.append("\nCohen's κ per annotator pair (n = items both labelled):\n\n");
        md.append("| criterion | pair | n | κ |\n|---|---|---|---|\n");
        for (Criterion c : Criterion.values()) {
            for (AgreementSummary.PairKappa p : r.agreement(c).pairs()) {
                md.append("| ").append(c.title()).append(" | ").append(cell(p.a())).append(" – ").append(cell(p.b()))
                        .append(" | ").append(p.n()).append(" | ").append(num(p.kappa())).append(" |\n");
            }
        }
        md.append("\nκ is n/a where chance agreement is 1 (every label the same): the statistic is undefined there;"
                + " Gwet's AC1 and percent agreement still apply.\n");

        AutomaticVsHuman a = r.automatic();
        md.append("\n## Automatic metrics against the humans (all items)\n\n");
        if (a.smItems() == 0) {
            md.append("No per-item idk_sm values in the runs' responses: IDK_SM comparison skipped.\n");
        } else {
            BinaryConfusion cm = a.sm();
            md.append("IDK_SM (string match) against the human refusal decision, ").append(a.smItems())
                    .append(" items: Cohen's κ ").append(num(cm.kappa())).append(", accuracy ")
                    .append(num(cm.accuracy())).append(".\n\n");
            md.append("| | IDK_SM yes | IDK_SM no |\n|---|---|---|\n");
            md.append("| human refusal yes | ").append(cm.bothYes()).append(" | ").append(cm.humanOnly()).append(" |\n");
            md.append("| human refusal no | ").append(cm.automaticOnly()).append(" | ").append(cm.bothNo()).append(" |\n");
        }
        if (a.csItems() == 0) {
            md.append("\nNo per-item idk_cs values: IDK_CS threshold analysis skipped.\n");
        } else {
            md.append("\nIDK_CS (cosine) as a refusal detector (refusal iff idk_cs ≥ t), ").append(a.csItems())
                    .append(" items. Best t = ").append(num(a.csBestThreshold())).append(" with accuracy ")
                    .append(num(a.csBestAccuracy())).append(".\n\n| t | accuracy |\n|---|---|\n");
            a.csAccuracyAt().forEach((t, acc) -> md.append("| ").append(num(t)).append(" | ").append(num(acc)).append(" |\n"));
        }
        md.append("\n## Disagreements between IDK_SM and the humans\n\n");
        if (a.disagreements().isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("| kind | checkpoint | dataset | row | question | response | idk_sm | idk_cs | refusal votes yes/no | entailment votes yes/no |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|\n");
            for (AutomaticVsHuman.Disagreement d : a.disagreements()) {
                ItemJudgement j = d.item();
                MajorityVote rv = j.votes(Criterion.REFUSAL), ev = j.votes(Criterion.ENTAILMENT);
                md.append("| ").append(d.kind().description).append(" | ").append(cell(j.item().checkpoint()))
                        .append(" | ").append(cell(j.item().dataset())).append(" | ").append(cell(j.item().rowId()))
                        .append(" | ").append(cell(j.record().prompt())).append(" | ").append(cell(j.record().response()))
                        .append(" | ").append(num(j.idkSm())).append(" | ").append(num(j.idkCs())).append(" | ")
                        .append(rv.yes()).append('/').append(rv.no()).append(" | ")
                        .append(ev.yes()).append('/').append(ev.no()).append(" |\n");
            }
        }
        return md.toString();
    }

    private static double meanSm(RunResult run) {
        double sum = 0;
        int n = 0;
        for (ItemJudgement j : run.items()) {
            if (j.score() != null && j.idkSm() != null) {
                sum += j.idkSm();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static String num(Double v) {
        return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Text safe inside a Markdown table cell: one line, pipes escaped, shortened. */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replace("\r", " ").replace("\n", " ⏎ ").replace("|", "\\|");
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }
}
