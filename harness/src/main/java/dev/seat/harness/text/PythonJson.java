package dev.seat.harness.text;

import dev.seat.harness.tasks.PyFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps(value, ensure_ascii=False, indent=indent)} for the values a chat
 * template sees (maps, lists, strings, numbers, booleans, None): what transformers' {@code tojson}
 * filter writes. Without indent items are separated by {@code ", "}; with one, by {@code ","} and
 * newlines. Non-ASCII text is written as it is.
 */
public final class PythonJson {
    private PythonJson() {}

    /** @param indent spaces per level, or null for one line */
    public static String dumps(Object value, Integer indent) {
        StringBuilder out = new StringBuilder();
        write(value, indent, 0, out);
        return out.toString();
    }

    private static void write(Object v, Integer indent, int depth, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            for (int i = 0; it.hasNext(); i++) {
                Map.Entry<?, ?> e = it.next();
                separate(i, indent, depth + 1, out);
                string(String.valueOf(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), indent, depth + 1, out);
            }
            close('}', indent, depth, out);
        } else if (v instanceof List<?> || v instanceof Object[]) {
            List<?> list = v instanceof Object[] array ? List.of(array) : (List<?>) v;
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                separate(i, indent, depth + 1, out);
                write(list.get(i), indent, depth + 1, out);
            }
            close(']', indent, depth, out);
        } else if (v instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            out.append(PyFormat.floatStr(((Number) v).doubleValue()));
        } else if (v instanceof Number n) {
            out.append(n);
        } else if (v instanceof CharSequence s) {
            string(s.toString(), out);
        } else {
            throw new IllegalArgumentException("Object of type " + v.getClass().getSimpleName() + " is not JSON serializable");
        }
    }

    private static void separate(int index, Integer indent, int depth, StringBuilder out) {
        if (indent == null) {
            out.append(index == 0 ? "" : ", ");
        } else {
            out.append(index == 0 ? "" : ",").append('\n').append(" ".repeat(indent * depth));
        }
    }

    private static void close(char bracket, Integer indent, int depth, StringBuilder out) {
        if (indent != null) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
        out.append(bracket);
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        out.append('"');
    }
}
