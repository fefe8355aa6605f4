package dev.seat.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.model.DecoderLM;
import dev.seat.harness.results.Json;
import dev.seat.harness.results.LossCurve;
import dev.seat.trainer.kl.BaseDistributions;
import dev.seat.trainer.kl.KlInputs;
import dev.seat.trainer.kl.KlObjective;
import dev.seat.trainer.mask.MaskFactory;
import dev.seat.trainer.mask.MaskKind;
import dev.seat.trainer.mask.MaskResample;
import dev.seat.trainer.mask.SparseMask;
import dev.seat.trainer.mask.UpdateMasks;
import dev.seat.trainer.perturb.EntityExtractor;
import dev.seat.trainer.perturb.EntityPerturber;
import dev.seat.trainer.perturb.ForbiddenNames;
import dev.seat.trainer.world.World;
import dev.seat.trainer.world.WorldConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One fine-tuning run of any {@link Method} on a loaded checkpoint: builds the mask, the
 * entity-perturbed KL inputs and their cached base distributions, or the LoRA adapters; trains;
 * merges LoRA into the weights. Afterwards {@code cp.model()} holds the tuned weights, and the
 * outcome's record holds the run's full configuration and what it measured (mask share,
 * optimizer memory, cache size), for {@code training_config.json}.
 */
public final class FineTune {
    /** The trainer's result, the run record and the loss of every step ({@link Trainer#lossCurve}). */
    public record Outcome(Trainer.Result result, ObjectNode record, LossCurve lossCurve) {}

    private FineTune() {}

    /**
     * Where a run reads and writes beyond its checkpoint and data; every setting has a named default
     * ({@link #defaults()}: none of them, silent, not resumed).
     *
     * @param world the base model's synthetic world when known (its names are never used as replacements), or null
     * @param stateDir where resumable state and the training log go, or null (none)
     * @param progress where progress is shown
     * @param resume continue from the state in {@code stateDir}
     * @param adapterOut where a LoRA run also writes its PEFT-style adapter folder, or null
     * @param maskFromSeed draw a fixed random mask again from its seed, tensor by tensor, whenever it
     *     is needed instead of storing it (a byte per coordinate saved, every mask drawn again each step)
     */
    public record Options(World world, Path stateDir, ProgressReporter progress, boolean resume, Path adapterOut,
            boolean maskFromSeed) {
        public static Options defaults() {
            return new Options(null, null, ProgressReporter.silent(), false, null, false);
        }

        public Options world(World w) {
            return new Options(w, stateDir, progress, resume, adapterOut, maskFromSeed);
        }

        public Options stateDir(Path d) {
            return new Options(world, d, progress, resume, adapterOut, maskFromSeed);
        }

        public Options progress(ProgressReporter p) {
            return new Options(world, stateDir, p, resume, adapterOut, maskFromSeed);
        }

        public Options resume(boolean r) {
            return new Options(world, stateDir, progress, r, adapterOut, maskFromSeed);
        }

        public Options adapterOut(Path a) {
            return new Options(world, stateDir, progress, resume, a, maskFromSeed);
        }

        public Options maskFromSeed(boolean m) {
            return new Options(world, stateDir, progress, resume, adapterOut, m);
        }
    }

    public static Outcome run(Checkpoint cp, List<QaItem> items, MethodConfig mc, TrainConfig tc, Options options) {
        World world = options.world();
        Path stateDir = options.stateDir();
        ProgressReporter progress = options.progress();
        DecoderLM model = cp.model();
        cp.markWeightsChanged(); // answers of the tuned weights must never be served from the base's cache
        List<TokenizedExample> examples = TrainingData.tokenize(items, cp.tokenizer(), cp.chatFormat(), cp.config());
        long padId = cp.padId();
        ObjectNode rec = Json.object();
        rec.put("method", mc.method().id);
        rec.set("method_config", Json.MAPPER.valueToTree(mc));
        rec.set("train_config", Json.MAPPER.valueToTree(tc));
        rec.put("examples", examples.size());
        long parameters = model.parameters().values().stream().mapToLong(a -> a.size()).sum();
        rec.put("model_parameters", parameters);

        Objective objective = Objective.CAUSAL_LM;
        if (mc.method().kl) {
            long t0 = System.nanoTime();
            KlInputs inputs = mc.method().perturbed
                    ? KlInputs.perturbed(items, examples, new EntityExtractor(items),
                            new EntityPerturber(ForbiddenNames.of(items, world), mc.perturbationSeed()),
                            mc.perturbations(), cp.tokenizer(), cp.chatFormat())
                    : KlInputs.unperturbed(examples);
            BaseDistributions base = BaseDistributions.compute(model, inputs.all(), padId,
                    mc.cacheTopK(model.config().vocabSize()), tc.batchSize(), progress);
            objective = new KlObjective(inputs, base, mc.gamma(), mc.klPositions(), padId);
            ObjectNode kl = rec.putObject("kl");
            kl.put("inputs", inputs.all().size());
            kl.put("examples_without_entity", inputs.withoutEntity().size());
            kl.set("without_entity", withoutEntity(inputs.withoutEntity(), items.size()));
            kl.put("cache", base.exact() ? "exact" : "top-" + base.k());
            kl.put("cache_bytes", base.bytes());
            kl.put("cache_seconds", (System.nanoTime() - t0) / 1e9);
            kl.set("perturbation_samples", inputs.samples());
        }

        TrainableModel trainable = TrainableModel.of(model);
        LoraModel lora = null;
        if (mc.method().lora) {
            lora = new LoraModel(model, mc.loraRank(), mc.loraAlpha(), mc.loraDropout(), mc.loraTargets(), tc.seed());
            trainable = lora;
            rec.put("lora_parameters", lora.adapterParameters());
        }

        UpdateMasks masks = UpdateMasks.none();
        if (mc.method().masked) {
            long t0 = System.nanoTime();
            MaskFactory factory = new MaskFactory(mc.maskKind(), mc.alpha(), tc.seed(), fisherBatches(examples, mc, tc, padId));
            if (mc.maskResample() == MaskResample.EVERY_STEP) {
                masks = UpdateMasks.everyStep(factory, model);
            } else if (options.maskFromSeed()) {
                masks = UpdateMasks.fromSeed(factory, model);
                ObjectNode mr = rec.putObject("mask");
                mr.put("kind", factory.kind().id());
                mr.put("alpha", factory.alpha());
                mr.put("stored", false);
                long trainableCount = model.parameters().values().stream()
                        .mapToLong(p -> SparseMask.trainableOf(p.size(), factory.alpha())).sum();
                mr.put("trainable", trainableCount);
                mr.put("total", parameters);
                mr.put("mask_bytes", 0);
                mr.put("seconds", 0.0);
            } else {
                SparseMask mask = factory.draw(model, 0);
                ObjectNode mr = rec.putObject("mask");
                mr.put("kind", mask.kind().id());
                mr.put("alpha", mask.alpha());
                mr.put("frozen_share", mask.frozenShare());
                mr.put("trainable", mask.trainableCount());
                mr.put("total", mask.totalCount());
                mr.put("mask_bytes", mask.totalCount());
                mr.put("seconds", (System.nanoTime() - t0) / 1e9);
                masks = UpdateMasks.fixed(mask);
            }
        }

        Trainer trainer = new Trainer(model, trainable, tc, objective, masks, stateDir, progress)
                .identifiedBy("method_config", rec.get("method_config"))
                .identifiedBy("base_fingerprint", Json.MAPPER.valueToTree(cp.fingerprint()));
        Trainer.Result result;
        try {
            result = trainer.train(examples, padId, options.resume());
        } finally {
            masks.close();
        }
        ObjectNode mem = rec.putObject("optimizer_memory");
        mem.put("state_bytes", result.optimizerStateBytes());
        mem.put("full_adamw_state_bytes", 8 * parameters);
        mem.put("share_of_full", (double) result.optimizerStateBytes() / (8.0 * parameters));
        if (lora != null) {
            if (options.adapterOut() != null) {
                lora.writeAdapter(options.adapterOut(), cp.dir().toAbsolutePath().toString());
            }
            lora.merge();
            lora.close();
        }
        rec.set("result", Json.MAPPER.valueToTree(result));
        if (trainer.logFile() != null && Files.exists(trainer.logFile())) {
            rec.put("log", trainer.logFile().toString());
        }
        return new Outcome(result, rec, trainer.lossCurve());
    }

    /**
     * The items that get no KL term because their question names no entity to perturb, as
     * {@code {"id", "question"}} records; printed on stderr too, since they weaken the method.
     */
    private static ArrayNode withoutEntity(List<QaItem> items, int total) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        items.forEach(it -> out.addObject().put("id", it.id()).put("question", it.question()));
        if (!items.isEmpty()) {
            List<String> shown = items.stream().limit(10).map(it -> it.id() + ": " + it.question()).toList();
            System.err.printf("seat train: %d of %d examples name no entity to perturb, so they get no KL term: %s%s%n",
                    items.size(), total, String.join(" | ", shown),
                    items.size() > shown.size() ? " | ... and " + (items.size() - shown.size()) + " more" : "");
        }
        return out;
    }

    /** The first {@code fisherBatches} micro-batches of epoch 0's seeded order. */
    private static List<Batch> fisherBatches(List<TokenizedExample> examples, MethodConfig mc, TrainConfig tc, long padId) {
        if (mc.maskKind() != MaskKind.FISHER) {
            return List.of();
        }
        List<Batch> out = new ArrayList<>();
        for (List<TokenizedExample> b : Trainer.epochBatches(examples, 0, tc)) {
            if (out.size() == mc.fisherBatches()) {
                break;
            }
            out.add(Batch.of(b, padId));
        }
        return out;
    }

    /**
     * The synthetic world a checkpoint was pretrained on, when its {@code training_config.json}
     * records a {@code world_seed} (the embedded tiny-base does); null otherwise. The world's sizes
     * come from the recorded {@code world.config}, or are the defaults when none is recorded.
     */
    public static World worldOf(Path checkpointDir) {
        Path f = checkpointDir.resolve("training_config.json");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        JsonNode n = Json.read(f);
        JsonNode seed = n.get("world_seed");
        if (seed == null || !seed.canConvertToLong()) {
            return null;
        }
        JsonNode recorded = n.path("world").path("config");
        return World.generate(recorded.isObject() ? WorldConfig.fromJson(recorded) : WorldConfig.defaults(seed.asLong()));
    }
}
