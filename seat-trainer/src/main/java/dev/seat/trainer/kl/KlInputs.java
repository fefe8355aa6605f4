package dev.seat.trainer.kl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.results.Json;
import dev.seat.harness.text.ChatFormat;
import dev.seat.harness.text.TextTokenizer;
import dev.seat.trainer.TokenizedExample;
import dev.seat.trainer.perturb.EntityExtractor;
import dev.seat.trainer.perturb.EntityPerturber;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs x̃ the KL term is computed on, per training example: K entity-perturbed copies
 * (perturbed prompt, the original answer) for SEAT and full-kl-ep, or the unperturbed example
 * itself for the sparse-kl-noep ablation. Keyed by the training example instances the trainer's
 * batches carry. An example whose question names no entity has no perturbed copy (and no KL term);
 * {@link #withoutEntity()} names those items so a run can report them.
 */
public final class KlInputs {
    private final Map<TokenizedExample, List<TokenizedExample>> byExample = new IdentityHashMap<>();
    private final List<TokenizedExample> all = new ArrayList<>();
    private final ArrayNode samples = Json.MAPPER.createArrayNode();
    private final List<QaItem> withoutEntity = new ArrayList<>();

    private KlInputs() {}

    /**
     * K perturbed copies of every item.
     *
     * @param examples the tokenized items, index-aligned with {@code items}
     */
    public static KlInputs perturbed(List<QaItem> items, List<TokenizedExample> examples, EntityExtractor extractor,
            EntityPerturber perturber, int copies, TextTokenizer tok, ChatFormat format) {
        if (copies < 1) {
            throw new IllegalArgumentException("--perturbations must be at least 1, got " + copies);
        }
        KlInputs k = new KlInputs();
        for (int i = 0; i < items.size(); i++) {
            List<String> entities = extractor.entities(i);
            List<TokenizedExample> list = new ArrayList<>();
            if (entities.isEmpty()) {
                k.withoutEntity.add(items.get(i));
            } else {
                for (int c = 0; c < copies; c++) {
                    EntityPerturber.Perturbed p = perturber.perturb(items.get(i).question(), entities, i, c);
                    list.add(TokenizedExample.of(tok, format, p.question(), items.get(i).answer()));
                    if (k.samples.size() < 5) {
                        ObjectNode s = k.samples.addObject();
                        s.put("question", items.get(i).question());
                        s.put("perturbed", p.question());
                        s.set("replacements", Json.MAPPER.valueToTree(p.replacements()));
                    }
                }
            }
            k.put(examples.get(i), list);
        }
        return k;
    }

    /** The training examples themselves (KL on unperturbed inputs). */
    public static KlInputs unperturbed(List<TokenizedExample> examples) {
        KlInputs k = new KlInputs();
        examples.forEach(e -> k.put(e, List.of(e)));
        return k;
    }

    private void put(TokenizedExample e, List<TokenizedExample> copies) {
        byExample.put(e, copies);
        all.addAll(copies);
    }

    /** The KL inputs of a batch's examples, flattened in batch order. */
    public List<TokenizedExample> of(List<TokenizedExample> batch) {
        List<TokenizedExample> out = new ArrayList<>();
        for (TokenizedExample e : batch) {
            List<TokenizedExample> copies = byExample.get(e);
            if (copies == null) {
                throw new IllegalArgumentException("No KL inputs for a batch example: batches must hold the training examples' instances");
            }
            out.addAll(copies);
        }
        return out;
    }

    /** Every KL input, each once. */
    public List<TokenizedExample> all() {
        return List.copyOf(all);
    }

    /** The items whose question names no entity to perturb: they get no KL term. */
    public List<QaItem> withoutEntity() {
        return List.copyOf(withoutEntity);
    }

    /** A few examples of perturbed prompts, for the run record. */
    public ArrayNode samples() {
        return samples.deepCopy();
    }
}
