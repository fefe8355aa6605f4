package dev.seat.humaneval.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import dev.seat.humaneval.Criterion;
import dev.seat.harness.metrics.MeanStderr;
import java.util.Map;

/** JSON forms of the report: metrics.json keys, run summaries and the report file. NaN is written as null. */
final class ReportJson {
    private ReportJson() {}

    /**
     * Keys added under the dataset in metrics.json: {@code idk_ha}, {@code idk_ha_stderr},
     * {@code idk_ha_n}, {@code idk_ha_unlabelled}, {@code idk_ha_annotators}, {@code idk_ha_export},
     * per criterion ({@code refusal}, {@code entailment}) {@code idk_ha_<c>_percent_agreement},
     * {@code _fleiss_kappa}, {@code _krippendorff_alpha}, {@code _gwet_ac1}, {@code _cohen_kappa_mean},
     * and {@code idk_sm_human_kappa}, {@code idk_sm_human_accuracy}, {@code idk_cs_human_best_threshold},
     * {@code idk_cs_human_best_accuracy} when the run has those per-item metrics.
     */
    static ObjectNode metrics(String exportId, RunResult r) {
        ObjectNode n = Json.object();
        put(n, "idk_ha", r.idkHa().mean());
        put(n, "idk_ha_stderr", r.idkHa().stderr());
        n.put("idk_ha_n", r.idkHa().n());
        n.put("idk_ha_unlabelled", r.unlabelled());
        n.put("idk_ha_annotators", r.annotators().size());
        n.put("idk_ha_export", exportId);
        agreementKeys(n, r.refusalAgreement());
        agreementKeys(n, r.entailmentAgreement());
        AutomaticVsHuman a = r.automatic();
        if (a.smItems() > 0) {
            put(n, "idk_sm_human_kappa", a.sm().kappa());
            put(n, "idk_sm_human_accuracy", a.sm().accuracy());
        }
        if (a.csItems() > 0) {
            put(n, "idk_cs_human_best_threshold", a.csBestThreshold());
            put(n, "idk_cs_human_best_accuracy", a.csBestAccuracy());
        }
        return n;
    }

    private static void agreementKeys(ObjectNode n, AgreementSummary s) {
        String p = "idk_ha_" + s.criterion().shortName() + "_";
        put(n, p + "percent_agreement", s.percent());
        put(n, p + "fleiss_kappa", s.fleissKappa());
        put(n, p + "krippendorff_alpha", s.krippendorffAlpha());
        put(n, p + "gwet_ac1", s.gwetAc1());
        put(n, p + "cohen_kappa_mean", s.meanCohenKappa());
    }

    /** One dataset's entry in a run's human-eval/summary.json. */
    static ObjectNode runSummary(String exportId, RunResult r, String computedAt) {
        ObjectNode n = Json.object();
        n.put("export_id", exportId);
        n.put("computed_at", computedAt);
        n.put("checkpoint", r.checkpoint());
        n.put("tie_policy", MajorityVote.TIE_POLICY);
        put(n, "idk_ha", r.idkHa().mean());
        put(n, "idk_ha_stderr", r.idkHa().stderr());
        n.put("idk_ha_n", r.idkHa().n());
        n.put("unlabelled", r.unlabelled());
        n.put("incomplete", r.incomplete());
        r.annotators().forEach(n.putArray("annotators")::add);
        ObjectNode per = n.putObject("per_annotator");
        for (Map.Entry<String, MeanStderr> e : r.perAnnotator().entrySet()) {
            per.set(e.getKey(), meanStderr(e.getValue()));
        }
        ObjectNode agreement = n.putObject("agreement");
        agreement.set("refusal", agreement(r.refusalAgreement()));
        agreement.set("entailment", agreement(r.entailmentAgreement()));
        n.set("automatic", automatic(r.automatic()));
        ArrayNode items = n.putArray("items");
        for (ItemJudgement j : r.items()) {
            ObjectNode i = items.addObject();
            i.put("row_id", j.item().rowId());
            i.put("item_id", j.item().itemId());
            MajorityVote rv = j.votes(Criterion.REFUSAL), ev = j.votes(Criterion.ENTAILMENT);
            i.put("refusal_yes", rv.yes());
            i.put("refusal_no", rv.no());
            i.put("entailment_yes", ev.yes());
            i.put("entailment_no", ev.no());
            putBool(i, "refusal", rv.decision());
            putBool(i, "entailment", ev.decision());
            putBool(i, "idk_ha", j.score());
        }
        return n;
    }

    static ObjectNode report(HumanEvalReport report) {
        ObjectNode n = Json.object();
        n.put("export_id", report.key().exportId());
        n.put("rounds", report.rounds());
        report.unreadableRounds().forEach(n.putArray("unreadable_rounds")::add);
        report.annotators().forEach(n.putArray("annotators")::add);
        n.put("tie_policy", MajorityVote.TIE_POLICY);
        ObjectNode agreement = n.putObject("agreement");
        agreement.set("refusal", agreement(report.agreement(Criterion.REFUSAL)));
        agreement.set("entailment", agreement(report.agreement(Criterion.ENTAILMENT)));
        n.set("automatic", automatic(report.automatic()));
        ArrayNode runs = n.putArray("runs");
        String now = java.time.Instant.now().toString();
        for (RunResult r : report.runs()) {
            ObjectNode o = runSummary(report.key().exportId(), r, now);
            o.put("run", r.run());
            o.put("dataset", r.dataset());
            runs.add(o);
        }
        return n;
    }

    static ObjectNode meanStderr(MeanStderr m) {
        ObjectNode o = Json.object();
        put(o, "idk_ha", m.mean());
        put(o, "idk_ha_stderr", m.stderr());
        o.put("n", m.n());
        return o;
    }

    static ObjectNode agreement(AgreementSummary s) {
        ObjectNode o = Json.object();
        o.put("items", s.items());
        o.put("items_rated_twice", s.itemsRatedTwice());
        put(o, "percent_agreement", s.percent());
        put(o, "fleiss_kappa", s.fleissKappa());
        put(o, "krippendorff_alpha", s.krippendorffAlpha());
        put(o, "gwet_ac1", s.gwetAc1());
        put(o, "cohen_kappa_mean", s.meanCohenKappa());
        ArrayNode pairs = o.putArray("cohen_kappa_pairs");
        for (AgreementSummary.PairKappa p : s.pairs()) {
            ObjectNode pk = pairs.addObject();
            pk.put("a", p.a());
            pk.put("b", p.b());
            pk.put("n", p.n());
            put(pk, "kappa", p.kappa());
        }
        return o;
    }

    static ObjectNode automatic(AutomaticVsHuman a) {
        ObjectNode o = Json.object();
        o.put("idk_sm_items", a.smItems());
        ObjectNode cm = o.putObject("idk_sm_confusion");
        cm.put("human_yes_sm_yes", a.sm().bothYes());
        cm.put("human_yes_sm_no", a.sm().humanOnly());
        cm.put("human_no_sm_yes", a.sm().automaticOnly());
        cm.put("human_no_sm_no", a.sm().bothNo());
        put(o, "idk_sm_kappa", a.sm().kappa());
        put(o, "idk_sm_accuracy", a.sm().accuracy());
        o.put("idk_cs_items", a.csItems());
        put(o, "idk_cs_best_threshold", a.csBestThreshold());
        put(o, "idk_cs_best_accuracy", a.csBestAccuracy());
        ObjectNode at = o.putObject("idk_cs_accuracy_at");
        a.csAccuracyAt().forEach((t, acc) -> put(at, String.valueOf(t), acc));
        ArrayNode d = o.putArray("disagreements");
        for (AutomaticVsHuman.Disagreement x : a.disagreements()) {
            ObjectNode e = d.addObject();
            e.put("kind", x.kind().name());
            e.put("item_id", x.item().item().itemId());
            e.put("checkpoint", x.item().item().checkpoint());
            e.put("dataset", x.item().item().dataset());
            e.put("row_id", x.item().item().rowId());
            e.put("question", x.item().record().prompt());
            e.put("response", x.item().record().response());
            put(e, "idk_sm", x.item().idkSm() == null ? Double.NaN : x.item().idkSm());
            put(e, "idk_cs", x.item().idkCs() == null ? Double.NaN : x.item().idkCs());
        }
        return o;
    }

    static void put(ObjectNode n, String name, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(name);
        } else {
            n.put(name, v);
        }
    }

    private static void putBool(ObjectNode n, String name, Boolean v) {
        if (v == null) {
            n.putNull(name);
        } else {
            n.put(name, v ? 1 : 0);
        }
    }
}
