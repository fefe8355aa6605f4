package dev.seat.trainer.mask;

import java.util.Locale;

/** Whether the sparse mask is drawn once (the paper's fixed m) or afresh before every optimizer step. */
public enum MaskResample {
    NEVER, EVERY_STEP;

    public static MaskResample parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "never" -> NEVER;
            case "every-step" -> EVERY_STEP;
            default -> throw new IllegalArgumentException("Unknown --mask-resample '" + s + "'; expected never or every-step");
        };
    }

    public String id() {
        return this == NEVER ? "never" : "every-step";
    }
}
