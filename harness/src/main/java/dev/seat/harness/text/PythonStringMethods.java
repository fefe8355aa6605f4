package dev.seat.harness.text;

import dev.seat.harness.tasks.PyStrings;
import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * The Python {@code str} methods chat templates call ({@code content.split('</think>')[-1]},
 * {@code role.title()}, {@code text.strip()}, ...), with Python's semantics: {@code split} takes a
 * literal separator and keeps empty parts, {@code strip} removes every Unicode space. Jinjava would
 * otherwise call Java's {@code String} methods, whose names and meanings differ.
 */
final class PythonStringMethods extends ELResolver {
    static final Set<String> NAMES = Set.of("strip", "lstrip", "rstrip", "split", "startswith", "endswith",
            "upper", "lower", "title", "capitalize", "replace");

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String s) || method == null || !NAMES.contains(method.toString())) {
            return null;
        }
        Object[] args = params == null ? new Object[0] : params;
        Object result = call(s, method.toString(), args);
        context.setPropertyResolved(true);
        return result;
    }

    static Object call(String s, String name, Object[] args) {
        return switch (name) {
            case "strip" -> args.length == 0 || args[0] == null ? PyStrings.strip(s) : strip(s, str(args[0]), true, true);
            case "lstrip" -> args.length == 0 || args[0] == null ? PyStrings.lstrip(s) : strip(s, str(args[0]), true, false);
            case "rstrip" -> args.length == 0 || args[0] == null ? PyStrings.rstrip(s) : strip(s, str(args[0]), false, true);
            case "split" -> split(s, args.length == 0 ? null : args[0], args.length < 2 ? -1 : ((Number) args[1]).intValue());
            case "startswith" -> s.startsWith(str(args[0]));
            case "endswith" -> s.endsWith(str(args[0]));
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "title" -> title(s);
            case "capitalize" -> PyStrings.capitalize(s);
            case "replace" -> s.replace(str(args[0]), str(args[1]));
            default -> throw new IllegalArgumentException("str." + name + " is not supported");
        };
    }

    private static String str(Object o) {
        if (o == null) {
            throw new IllegalArgumentException("expected a string argument, found None");
        }
        return o.toString();
    }

    /** {@code str.strip(chars)}: removes any of {@code chars} from the chosen ends. */
    private static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (right && end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code str.split(sep, maxsplit)}: a literal separator keeps empty parts; no separator splits on runs of spaces. */
    static List<String> split(String s, Object sep, int maxSplit) {
        List<String> parts = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            while (true) {
                while (i < s.length() && PyStrings.isSpace(s.charAt(i))) {
                    i++;
                }
                if (i == s.length()) {
                    return parts;
                }
                if (maxSplit >= 0 && parts.size() == maxSplit) {
                    parts.add(PyStrings.rstrip(s.substring(i)));
                    return parts;
                }
                int j = i;
                while (j < s.length() && !PyStrings.isSpace(s.charAt(j))) {
                    j++;
                }
                parts.add(s.substring(i, j));
                i = j;
            }
        }
        String separator = sep.toString();
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        int from = 0;
        int at;
        while ((maxSplit < 0 || parts.size() < maxSplit) && (at = s.indexOf(separator, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    /** {@code str.title()}: a character after an uncased one is title-cased, after a cased one lower-cased. */
    private static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            out.appendCodePoint(previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
            previousCased = Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
            i += Character.charCount(c);
        }
        return out.toString();
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return base instanceof String ? Object.class : null;
    }
}
