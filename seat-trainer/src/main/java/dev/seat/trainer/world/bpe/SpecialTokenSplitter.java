package dev.seat.trainer.world.bpe;

import java.util.ArrayList;
import java.util.List;

/** Cuts text around special tokens, which are never pre-tokenized or merged. */
final class SpecialTokenSplitter {
    /** A piece of text; {@code special} when it is exactly one special token. */
    record Segment(String text, boolean special) {}

    private final List<String> specials;

    SpecialTokenSplitter(List<String> specials) {
        this.specials = List.copyOf(specials);
    }

    List<Segment> split(String text) {
        List<Segment> segments = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int best = -1;
            String found = null;
            for (String s : specials) {
                int at = text.indexOf(s, from);
                if (at >= 0 && (best < 0 || at < best || (at == best && s.length() > found.length()))) {
                    best = at;
                    found = s;
                }
            }
            if (found == null) {
                segments.add(new Segment(text.substring(from), false));
                break;
            }
            if (best > from) {
                segments.add(new Segment(text.substring(from, best), false));
            }
            segments.add(new Segment(found, true));
            from = best + found.length();
        }
        return segments;
    }
}
