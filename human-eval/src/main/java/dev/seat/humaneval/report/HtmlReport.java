package dev.seat.humaneval.report;

import dev.seat.harness.metrics.MeanStderr;
import dev.seat.harness.report.Charts;
import dev.seat.harness.report.Html;
import dev.seat.humaneval.Criterion;
import dev.seat.humaneval.stats.BinaryConfusion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code report.html} of a {@link HumanEvalReport}, one self-contained page (the harness's
 * {@link Html} and {@link Charts}): agreement between annotators, IDK_HA against IDK_SM and
 * IDK_CS per run, the confusion matrix of the human majority against IDK_SM, and every item with
 * the disagreements first. A section whose data is missing (no labels yet, no idk_cs in a run's
 * responses) says so and the rest renders.
 */
public final class HtmlReport {
    public static final String FILE = "report.html";

    private HtmlReport() {}

    public static String render(HumanEvalReport r) {
        Html page = new Html("seat human evaluation: export " + r.key().exportId());
        page.h1("Human evaluation: export " + r.key().exportId());
        page.p("Exported " + r.key().created() + ": " + r.key().items().size() + " items, each given to "
                + r.key().overlap() + " of " + r.key().annotators().size() + " annotators; labels from " + r.rounds()
                + " ingest round(s), the latest per annotator and item; annotators with labels: "
                + (r.annotators().isEmpty() ? "none" : String.join(", ", r.annotators())) + ".");
        r.unreadableRounds().forEach(u -> page.absent("Not counted (unreadable round): " + u));
        page.caption("Tie policy: " + MajorityVote.TIE_POLICY);
        agreement(page, r);
        perRun(page, r);
        confusion(page, r);
        perItem(page, r);
        return page.render();
    }

    private static void agreement(Html page, HumanEvalReport r) {
        page.h2("Agreement between annotators");
        if (r.annotators().isEmpty()) {
            page.absent("No labels stored yet: agreement needs labelled sheets (./seat sheets ingest --key KEY FILES),"
                    + " then ./seat sheets report again.");
            return;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Criterion c : Criterion.values()) {
            AgreementSummary s = r.agreement(c);
            rows.add(List.of(c.title(), s.items(), s.itemsRatedTwice(), r.annotators().size(), s.percent(), s.fleissKappa(),
                    s.krippendorffAlpha(), s.gwetAc1(), s.meanCohenKappa()));
        }
        page.table(List.of("criterion", "items", "items rated by 2+", "annotators", "percent agreement", "Fleiss' κ",
                "Krippendorff's α (nominal)", "Gwet's AC1", "mean Cohen's κ"), rows);
        page.h3("Cohen's κ per annotator pair");
        List<List<Object>> pairs = new ArrayList<>();
        for (Criterion c : Criterion.values()) {
            r.agreement(c).pairs().forEach(p -> pairs.add(List.of(c.title(), p.a() + " – " + p.b(), p.n(), p.kappa())));
        }
        if (pairs.isEmpty()) {
            page.absent("No two annotators labelled a common item: Cohen's κ needs pairs (export with an overlap of 2 or more).");
        } else {
            page.table(List.of("criterion", "pair", "items both labelled", "κ"), pairs);
        }
        page.caption("Agreement is measured on the items rated by two or more annotators. κ is n/a where chance agreement"
                + " is 1 (every label the same); Gwet's AC1 and percent agreement still apply.");
    }

    /** IDK_HA, IDK_SM and IDK_CS of each run, as a grouped bar chart and a table. */
    private static void perRun(Html page, HumanEvalReport r) {
        page.h2("IDK_HA against IDK_SM and IDK_CS per run");
        Map<String, Map<String, double[]>> bars = new LinkedHashMap<>();
        List<List<Object>> rows = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (RunResult run : r.runs()) {
            String label = label(run);
            List<ItemJudgement> scored = run.items().stream().filter(j -> j.score() != null).toList();
            List<ItemJudgement> basis = scored.isEmpty() ? run.items() : scored;
            MeanStderr sm = mean(basis, ItemJudgement::idkSm);
            MeanStderr cs = mean(basis, ItemJudgement::idkCs);
            Map<String, double[]> group = new LinkedHashMap<>();
            if (run.idkHa().n() > 0) {
                group.put("IDK_HA", new double[] {run.idkHa().mean(), run.idkHa().stderr()});
            } else {
                absent.add("IDK_HA of " + label + ": none of its " + run.items().size() + " items is labelled yet"
                        + " (IDK_SM and IDK_CS are over all its exported items)");
            }
            if (sm.n() > 0) {
                group.put("IDK_SM", new double[] {sm.mean(), sm.stderr()});
            } else {
                absent.add("IDK_SM of " + label + ": its responses have no idk_sm");
            }
            if (cs.n() > 0) {
                group.put("IDK_CS", new double[] {cs.mean(), cs.stderr()});
            } else {
                absent.add("IDK_CS of " + label + ": its responses have no idk_cs (the gate ran without the sentence embedder)");
            }
            bars.put(label, group);
            rows.add(List.of(run.checkpoint(), run.runId(), run.dataset(), meanStderr(run.idkHa()), meanStderr(sm),
                    meanStderr(cs), run.unlabelled(), run.incomplete()));
        }
        if (bars.values().stream().anyMatch(g -> !g.isEmpty())) {
            page.figures(List.of(Charts.groupedBars("IDK_HA, IDK_SM and IDK_CS per run", "run (dataset)", "score", bars)));
        }
        page.table(List.of("checkpoint", "run", "dataset", "IDK_HA", "IDK_SM", "IDK_CS", "unlabelled", "incomplete"), rows);
        page.caption("Mean ± standard error (n). IDK_SM and IDK_CS are over the items IDK_HA scores, so the three compare"
                + " the same answers; IDK_CS is the mean cosine to the nearest refusal phrase, not a rate. Unlabelled: items"
                + " nobody labelled; incomplete: refusals whose entailment nobody labelled.");
        absent.forEach(page::absent);
    }

    private static void confusion(Html page, HumanEvalReport r) {
        page.h2("Human majority against IDK_SM");
        AutomaticVsHuman a = r.automatic();
        if (a.smItems() == 0) {
            page.absent("No item has both a human refusal decision and an idk_sm value"
                    + (r.annotators().isEmpty() ? " (no labels stored yet)" : "") + ": no confusion matrix.");
            return;
        }
        BinaryConfusion cm = a.sm();
        page.table(List.of("human majority \\ IDK_SM", "IDK_SM: refusal", "IDK_SM: no refusal"), List.of(
                List.of("human: refusal", new Html.Cell(Integer.toString(cm.bothYes()), "agree"),
                        new Html.Cell(Integer.toString(cm.humanOnly()), "disagree")),
                List.of("human: no refusal", new Html.Cell(Integer.toString(cm.automaticOnly()), "disagree"),
                        new Html.Cell(Integer.toString(cm.bothNo()), "agree"))));
        page.caption(a.smItems() + " items with a human refusal decision and an idk_sm value; Cohen's κ "
                + Html.number(cm.kappa()) + ", accuracy " + Html.number(cm.accuracy()) + ". A tie among the annotators"
                + " counts as no refusal.");
    }

    /** Every item, the ones where IDK_SM and the humans disagree first. */
    private static void perItem(Html page, HumanEvalReport r) {
        page.h2("Per item");
        Map<ItemJudgement, AutomaticVsHuman.Kind> disagreement = new IdentityHashMap<>();
        r.automatic().disagreements().forEach(d -> disagreement.put(d.item(), d.kind()));
        List<ItemJudgement> items = new ArrayList<>(r.items());
        items.sort(Comparator.comparingInt((ItemJudgement j) -> disagreement.containsKey(j) ? 0
                : j.decision(Criterion.REFUSAL) == null ? 2 : 1));
        List<List<Object>> rows = new ArrayList<>();
        for (ItemJudgement j : items) {
            rows.add(List.of(verdict(j, disagreement.get(j)), j.item().checkpoint() + " (" + j.item().dataset() + ")",
                    j.record().prompt(), j.record().response(), decision(j, Criterion.REFUSAL),
                    decision(j, Criterion.ENTAILMENT), j.idkSm() == null ? "—" : j.idkSm() >= 0.5 ? "refusal" : "no refusal",
                    j.idkCs() == null ? "—" : (Object) j.idkCs()));
        }
        page.table(List.of("IDK_SM vs humans", "checkpoint (dataset)", "question", "answer", "human majority: refusal",
                "human majority: about the question", "IDK_SM", "IDK_CS"), rows);
        page.caption(items.size() + " items; votes as yes/no. Disagreements first, then the items where both agree, then"
                + " those no annotator labelled.");
    }

    private static Html.Cell verdict(ItemJudgement j, AutomaticVsHuman.Kind kind) {
        if (kind != null) {
            return new Html.Cell("disagree: " + kind.description, "disagree");
        }
        if (j.decision(Criterion.REFUSAL) == null) {
            return new Html.Cell("no human label", "SKIPPED");
        }
        if (j.idkSm() == null) {
            return new Html.Cell("no idk_sm", "SKIPPED");
        }
        return new Html.Cell("agree", "agree");
    }

    private static String decision(ItemJudgement j, Criterion c) {
        MajorityVote v = j.votes(c);
        Boolean d = v.decision();
        if (d == null) {
            return "—";
        }
        return (d ? "yes" : "no") + " (" + v.yes() + "/" + v.no() + (v.tie() ? ", tie" : "") + ")";
    }

    private static MeanStderr mean(List<ItemJudgement> items, Function<ItemJudgement, Double> metric) {
        return MeanStderr.of(items.stream().map(metric).filter(v -> v != null && !v.isNaN()).toList());
    }

    private static String meanStderr(MeanStderr m) {
        if (m.n() == 0) {
            return "—";
        }
        return Html.number(m.mean()) + (m.n() > 1 ? " ± " + Html.number(m.stderr()) : "") + " (n=" + m.n() + ")";
    }

    private static String label(RunResult run) {
        return run.checkpoint() + "/" + run.runId() + " (" + run.dataset() + ")";
    }
}
