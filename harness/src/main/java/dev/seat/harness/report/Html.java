package dev.seat.harness.report;

import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page built section by section: inline CSS and inline SVG, no script, no
 * font or image from elsewhere, so it reads the same offline and in a CI artifact viewer. Every
 * text is escaped; only SVG from {@link Charts} is inserted as is.
 */
public final class Html {
    private static final String CSS = """
            body{font-family:sans-serif;margin:2em auto;max-width:1100px;color:#222}
            h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:2em}h3{font-size:1em}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;
            vertical-align:top;font-size:.9em}th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .PASSED{color:#176317;font-weight:bold}.FAILED{color:#b00020;font-weight:bold}.SKIPPED{color:#777}
            .absent{color:#8a5a00;background:#fff8e1;padding:.5em;border-left:3px solid #e0a800}
            pre{white-space:pre-wrap;font-size:.85em;background:#f8f8f8;padding:.5em}
            .figs{display:flex;flex-wrap:wrap;gap:1em}.caption{font-size:.9em;color:#444;max-width:1000px}
            td.agree{background:#e8f5e9}td.disagree{background:#fdecea;color:#b00020;font-weight:bold}
            """;

    private final StringBuilder body = new StringBuilder();
    private final String title;

    public Html(String title) {
        this.title = title;
    }

    public Html h1(String text) {
        return tag("h1", text);
    }

    public Html h2(String text) {
        return tag("h2", text);
    }

    public Html h3(String text) {
        return tag("h3", text);
    }

    public Html p(String text) {
        return tag("p", text);
    }

    public Html caption(String text) {
        body.append("<p class=\"caption\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** Says why a section's data is missing. */
    public Html absent(String why) {
        body.append("<p class=\"absent\">").append(escape(why)).append("</p>\n");
        return this;
    }

    public Html pre(String text) {
        return tag("pre", text);
    }

    /** A collapsed block: summary line, then preformatted text. */
    public Html details(String summary, String text) {
        body.append("<details><summary>").append(escape(summary)).append("</summary><pre>").append(escape(text))
                .append("</pre></details>\n");
        return this;
    }

    /** Figures side by side. */
    public Html figures(List<String> svgs) {
        body.append("<div class=\"figs\">");
        svgs.forEach(body::append);
        body.append("</div>\n");
        return this;
    }

    /**
     * A table; a cell is shown right-aligned when it is a {@link Double} or {@link Integer}, and
     * with a class when it is a {@link Cell}.
     */
    public Html table(List<String> headers, List<List<Object>> rows) {
        body.append("<table><tr>");
        headers.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<Object> row : rows) {
            body.append("<tr>");
            for (Object cell : row) {
                if (cell instanceof Cell c) {
                    body.append("<td class=\"").append(c.cssClass()).append("\">").append(escape(c.text())).append("</td>");
                } else if (cell instanceof Number n) {
                    body.append("<td class=\"num\">").append(escape(number(n))).append("</td>");
                } else {
                    body.append("<td>").append(escape(cell == null ? "" : cell.toString())).append("</td>");
                }
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** A table cell with a CSS class (e.g. a check status). */
    public record Cell(String text, String cssClass) {}

    private Html tag(String tag, String text) {
        body.append('<').append(tag).append('>').append(escape(text)).append("</").append(tag).append(">\n");
        return this;
    }

    /** Four decimals for fractions, whole numbers as they are, {@code n/a} for NaN. */
    public static String number(Number n) {
        if (n instanceof Integer || n instanceof Long) {
            return n.toString();
        }
        double v = n.doubleValue();
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>" + CSS + "</style></head><body>\n" + body + "</body></html>\n";
    }
}
