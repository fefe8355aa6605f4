package dev.seat.trainer.world;

import java.util.Map;

/** Fills {@code {name}} placeholders in the world's question, answer and reference templates. */
final class Templates {
    private Templates() {}

    /** The template with every placeholder replaced; a placeholder without a value is an error. */
    static String fill(String template, Map<String, String> slots) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("Unclosed '{' in template: " + template);
            }
            out.append(template, i, open);
            String key = template.substring(open + 1, close);
            String value = slots.get(key);
            if (value == null) {
                throw new IllegalArgumentException("No value for {" + key + "} in template: " + template);
            }
            out.append(value);
            i = close + 1;
        }
        return out.toString();
    }

    /** Like {@link #fill} with the first letter capitalised, for questions and answers. */
    static String sentence(String template, Map<String, String> slots) {
        String text = fill(template, slots);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
