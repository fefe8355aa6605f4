package dev.seat.harness.text;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.objects.date.StrftimeFormatter;
import dev.seat.harness.tasks.PyStrings;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import jinjava.javax.el.CompositeELResolver;

/**
 * The Jinja environment {@code transformers} renders chat templates in, built on HubSpot's Jinjava:
 * {@code trim_blocks} and {@code lstrip_blocks}, Jinja2's handling of line breaks in the source
 * ({@link #pythonSource}), the globals {@code raise_exception(msg)} and {@code strftime_now(fmt)}, the filters
 * {@code tojson} (Python's {@code json.dumps}) and {@code trim} (Python's {@code str.strip}), and
 * Python's string methods ({@link PythonStringMethods}). Message text is never re-read as a template.
 *
 * <p>Known differences from Python Jinja that no reference template meets: a boolean prints as
 * {@code true} (Python: {@code True}) and None as "" (Python: {@code None}); a variable bound to
 * None is not {@code defined} (seat therefore passes no None-valued variables, such as
 * {@code tools}, which the templates treat alike); and a closing double brace inside an
 * expression, as after a nested dict literal, ends the expression early.
 */
final class TransformersJinja {
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\n\\r\\x0b\\x0c\\x1c\\x1d\\x1e\\x85\\u2028\\u2029]");

    /**
     * Jinjava's switches towards Python Jinja's behaviour, less two that break Python templates:
     * "whitespace required within tokens" stops {@code {%-} at the start of a template from
     * parsing, and "natural operator precedence" reads {@code not x is defined} as
     * {@code (not x) is defined}.
     */
    static final LegacyOverrides PYTHON_JINJA = LegacyOverrides.newBuilder()
            .withEvaluateMapKeys(true)
            .withIterateOverMapKeys(true)
            .withUsePyishObjectMapper(true)
            .withParseWhitespaceControlStrictly(true)
            .withAllowAdjacentTextNodes(true)
            .withUseTrimmingForNotesAndExpressions(true)
            .withKeepNullableLoopValues(true)
            .withHandleBackslashInQuotesOnly(true)
            .build();
    private static final Jinjava JINJAVA = create();

    private TransformersJinja() {}

    /**
     * Renders a template; a {@code raise_exception} call or any fatal Jinja error becomes a
     * {@link ChatTemplateException} whose message starts with {@code origin}.
     */
    static String render(String source, Map<String, ?> bindings, String origin) {
        RenderResult result;
        try {
            result = JINJAVA.renderForResult(pythonSource(source), bindings);
        } catch (RuntimeException e) {
            throw new ChatTemplateException(origin + ": " + e.getMessage());
        }
        for (TemplateError e : result.getErrors()) {
            Raised raised = raisedBy(e.getException());
            if (raised != null) {
                throw new ChatTemplateException(origin + " raised: " + raised.getMessage(), raised.getMessage());
            }
        }
        for (TemplateError e : result.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new ChatTemplateException(origin + ", line " + e.getLineno() + ": " + e.getMessage());
            }
        }
        return result.getOutput();
    }

    /**
     * The source as Jinja2's lexer sees it: every line break Python's {@code str.splitlines} knows
     * becomes "\n" and one final line break is dropped ({@code keep_trailing_newline=False}).
     */
    static String pythonSource(String source) {
        String s = LINE_BREAK.matcher(source).replaceAll("\n");
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private static Raised raisedBy(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof Raised r) {
                return r;
            }
        }
        return null;
    }

    private static Jinjava create() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStringMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withLegacyOverrides(PYTHON_JINJA)
                .withKeepTrailingNewline(true) // Jinjava would cut the output's last newline; see pythonSource
                .withNestedInterpretationEnabled(false) // message text is data, never a template
                .withElResolver(resolver)
                .withLocale(Locale.US)
                .build();
        Jinjava jinjava = new Jinjava(config);
        for (ELFunctionDefinition global : List.of(
                new ELFunctionDefinition("", "raise_exception", TransformersJinja.class, "raiseException", String.class),
                new ELFunctionDefinition("", "strftime_now", TransformersJinja.class, "strftimeNow", String.class))) {
            jinjava.getGlobalContext().registerFunction(global);
            // a Python global is also a variable: Llama 3.1+ templates test "strftime_now is defined"
            jinjava.getGlobalContext().put(global.getLocalName(), global);
        }
        jinjava.getGlobalContext().registerFilter(new ToJson());
        jinjava.getGlobalContext().registerFilter(new Trim());
        return jinjava;
    }

    /** The template's {@code raise_exception(message)}. */
    public static Object raiseException(String message) {
        throw new Raised(message);
    }

    /** The template's {@code strftime_now(format)}: the local time now, Python {@code strftime} format. */
    public static String strftimeNow(String format) {
        return StrftimeFormatter.format(ZonedDateTime.now(), format, Locale.US);
    }

    /** Thrown by {@code raise_exception} through Jinjava, which records it as a template error. */
    private static final class Raised extends RuntimeException {
        Raised(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code tojson(indent=None)}: Python's {@code json.dumps} with {@code ensure_ascii=False}. */
    private static final class ToJson implements AdvancedFilter {
        @Override
        public String getName() {
            return "tojson";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object indent = kwargs.containsKey("indent") ? kwargs.get("indent") : args.length > 0 ? args[0] : null;
            return PythonJson.dumps(var, indent == null ? null : ((Number) indent).intValue());
        }
    }

    /** {@code trim(chars=None)}: Python's {@code str(value).strip(chars)}; undefined gives "". */
    private static final class Trim implements AdvancedFilter {
        @Override
        public String getName() {
            return "trim";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            String s = var == null ? "" : Objects.toString(var);
            Object chars = kwargs.containsKey("chars") ? kwargs.get("chars") : args.length > 0 ? args[0] : null;
            return chars == null ? PyStrings.strip(s) : PythonStringMethods.call(s, "strip", new Object[] {chars});
        }
    }
}
