package dev.seat.harness.text;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.javax.el.CompositeELResolver;

/**
 * The Jinja environment lm-evaluation-harness renders task templates in ({@code doc_to_text},
 * {@code doc_to_target}, {@code doc_to_choice}, {@code description}): Jinja2's defaults (no
 * {@code trim_blocks}, one trailing newline of the source dropped), {@code StrictUndefined} (an
 * unknown name is an error, not ""), the document's fields as variables, the filter
 * {@code regex_replace(pattern, repl, count=0)} (Python's {@code re.sub}), and Python's string
 * methods ({@link PythonStringMethods}). Built on HubSpot's Jinjava with the same switches towards
 * Python Jinja as {@link TransformersJinja}.
 */
public final class TaskJinja {
    private static final Jinjava JINJAVA = create();
    private static final Pattern PY_GROUP = Pattern.compile("\\\\(\\d+)|\\\\g<(\\w+)>|\\$");

    private TaskJinja() {}

    /** A template that could not be rendered or evaluated; the message says why. */
    public static final class TemplateException extends RuntimeException {
        TemplateException(String message) {
            super(message);
        }
    }

    /** Renders {@code source} with {@code variables}. */
    public static String render(String source, Map<String, ?> variables) {
        RenderResult result;
        try {
            result = JINJAVA.renderForResult(TransformersJinja.pythonSource(source), variables);
        } catch (RuntimeException e) {
            throw new TemplateException(e.getMessage());
        }
        fail(result.getErrors());
        return result.getOutput();
    }

    /** The value of one Jinja expression (the inside of a {@code {{ }}}) with {@code variables}: lists stay lists. */
    public static Object evaluate(String expression, Map<String, ?> variables) {
        JinjavaInterpreter interpreter = JINJAVA.newInterpreter();
        interpreter.getContext().putAll(variables);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            Object value = interpreter.resolveELExpression(expression, 1);
            fail(interpreter.getErrors());
            return value;
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TemplateException(e.getMessage());
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    private static void fail(Iterable<TemplateError> errors) {
        for (TemplateError e : errors) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new TemplateException("line " + e.getLineno() + ": " + e.getMessage());
            }
        }
    }

    private static Jinjava create() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStringMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withLegacyOverrides(TransformersJinja.PYTHON_JINJA)
                .withKeepTrailingNewline(true) // the source's last newline is dropped by pythonSource, as Jinja2 does
                .withNestedInterpretationEnabled(false) // document text is data, never a template
                .withFailOnUnknownTokens(true) // StrictUndefined
                .withElResolver(resolver)
                .withLocale(Locale.US)
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFilter(new RegexReplace());
        return jinjava;
    }

    /** {@code regex_replace(pattern, repl, count=0)}: Python's {@code re.sub(pattern, repl, value, count)}. */
    private static final class RegexReplace implements AdvancedFilter {
        @Override
        public String getName() {
            return "regex_replace";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            if (args.length < 2) {
                throw new IllegalArgumentException("regex_replace needs a pattern and a replacement, got " + args.length + " argument(s)");
            }
            Object countArg = kwargs.containsKey("count") ? kwargs.get("count") : args.length > 2 ? args[2] : 0;
            int count = ((Number) countArg).intValue();
            Matcher m = Pattern.compile(Objects.toString(args[0])).matcher(Objects.toString(var));
            String replacement = javaReplacement(Objects.toString(args[1]));
            StringBuilder out = new StringBuilder();
            int done = 0;
            while ((count == 0 || done < count) && m.find()) {
                m.appendReplacement(out, replacement);
                done++;
            }
            m.appendTail(out);
            return out.toString();
        }

        /** Python's {@code \1} and {@code \g<name>} as Java's {@code $1} / {@code ${name}}; a literal {@code $} escaped. */
        private static String javaReplacement(String python) {
            Matcher m = PY_GROUP.matcher(python);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String group = m.group(1) != null ? m.group(1) : m.group(2);
                String java = group == null ? "\\$" : group.chars().allMatch(Character::isDigit) ? "$" + group : "${" + group + "}";
                m.appendReplacement(out, Matcher.quoteReplacement(java));
            }
            m.appendTail(out);
            return out.toString();
        }
    }
}
