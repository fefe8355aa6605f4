package dev.seat.trainer;

import dev.seat.harness.model.ModelConfig;
import java.util.Arrays;

/**
 * The fine-tuning methods: what each trains, whether updates are masked, and whether a KL term
 * (on perturbed or unperturbed inputs) joins the cross-entropy.
 */
public enum Method {
    FULL("full", false, false, false, false),
    SPARSE("sparse", true, false, false, false),
    SEAT("seat", true, true, true, false),
    LORA("lora", false, false, false, true),
    /** Ablation: full fine-tuning plus the KL term on entity-perturbed inputs. */
    FULL_KL_EP("full-kl-ep", false, true, true, false),
    /** Ablation: sparse fine-tuning plus the KL term on the unperturbed training inputs. */
    SPARSE_KL_NOEP("sparse-kl-noep", true, true, false, false);

    /** The paper's size at which its learning rates were chosen (Llama3-8B). */
    static final double PAPER_PARAMETERS = 8e9;
    /** At most this factor above the paper's rates (reached below ~50M parameters). */
    static final double MAX_SCALE = 100;
    /** Exponent of the size rule: a 2000× smaller model gets ~100× the rate. */
    static final double EXPONENT = 0.6;

    public final String id;
    public final boolean masked;
    public final boolean kl;
    public final boolean perturbed;
    public final boolean lora;

    Method(String id, boolean masked, boolean kl, boolean perturbed, boolean lora) {
        this.id = id;
        this.masked = masked;
        this.kl = kl;
        this.perturbed = perturbed;
        this.lora = lora;
    }

    public static Method parse(String s) {
        return Arrays.stream(values()).filter(m -> m.id.equals(s.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown method '" + s
                        + "'; expected full, sparse, seat, lora, full-kl-ep or sparse-kl-noep"));
    }

    /**
     * The paper's rate for an 8B model of the family {@code modelType} (config.json's model_type):
     * 1e-5 for full, LoRA and full-kl-ep; for the masked methods 3e-5 on Qwen (qwen2) and 2e-5 on
     * Llama and the other Llama-family decoders (llama, mistral).
     */
    public double paperLearningRate(String modelType) {
        if (!masked) {
            return 1e-5;
        }
        return "qwen2".equals(modelType) ? 3e-5 : 2e-5;
    }

    /**
     * The default peak rate for {@code config}'s model: its family's paper rate
     * ({@link #paperLearningRate(String)}) times {@code clamp((8e9 / N)^0.6, 1, 100)} for N
     * parameters. An 8B model gets the paper's rates; a few-million parameter model (the embedded
     * tiny-base, ~3.4M) gets 100× (1e-3 full, 2e-3 sparse/SEAT, what the prototype found to work);
     * 1B gets ~3.5×.
     */
    public double defaultLearningRate(ModelConfig config) {
        double scale = Math.pow(PAPER_PARAMETERS / Math.max(1, config.parameterCount()), EXPONENT);
        return paperLearningRate(config.modelType()) * Math.max(1, Math.min(MAX_SCALE, scale));
    }
}
