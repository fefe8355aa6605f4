package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seat.harness.results.Json;
import dev.seat.harness.text.PythonJson;
import java.math.BigDecimal;

/**
 * Python's text forms where lm-eval's output files contain them: {@code str(float)},
 * {@code str(bool)}, {@code repr} of strings and lists (for {@code target_hash}) and
 * {@code json.dumps(doc, indent=2, ensure_ascii=False)} (for {@code doc_hash}).
 */
public final class PyFormat {
    private PyFormat() {}

    /** {@code str(x)} of a Python float: fixed notation for 1e-4 ≤ |x| < 1e16, else {@code 1e-05} style. */
    public static String floatStr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        String shortest = Double.toString(x);
        double abs = Math.abs(x);
        if (abs >= 1e-4 && abs < 1e16) {
            String plain = new BigDecimal(shortest).stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String[] parts = shortest.split("E");
        String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
        int exp = Integer.parseInt(parts[1]);
        return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }

    public static String boolStr(boolean b) {
        return b ? "True" : "False";
    }

    /** {@code str(value)} for the JSON values a target can be (int, string, list of strings). */
    public static String str(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < value.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                JsonNode v = value.get(i);
                out.append(v.isTextual() ? repr(v.textValue()) : str(v));
            }
            return out.append(']').toString();
        }
        if (value.isBoolean()) {
            return boolStr(value.booleanValue());
        }
        if (value.isFloatingPointNumber()) {
            return floatStr(value.doubleValue());
        }
        return value.asText();
    }

    /** {@code repr(s)}: single quotes unless the text has a single quote and no double quote. */
    public static String repr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }

    /** {@code json.dumps(value, indent=2, ensure_ascii=False)} ({@link PythonJson}). */
    public static String jsonDumps(JsonNode value) {
        return PythonJson.dumps(Json.MAPPER.convertValue(value, Object.class), 2);
    }
}
