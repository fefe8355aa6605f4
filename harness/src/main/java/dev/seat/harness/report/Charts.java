package dev.seat.harness.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.util.DoubleConverter;

/**
 * The report's charts: made with JFreeChart, drawn onto JFreeSVG's {@link SVGGraphics2D} and
 * returned as an inline {@code <svg>} element (each with its own id prefix, so several can share a
 * page). Scatter points are drawn as circles ({@code <ellipse>} elements, one per point, no legend
 * shapes), so a reader can count them.
 */
public final class Charts {
    static final int WIDTH = 540;
    static final int HEIGHT = 340;
    /** Colours of the series, in order: unknown / first, known / second, fine-tuning / third, ... */
    static final Color[] PALETTE = {new Color(0xD6, 0x27, 0x28), new Color(0x1F, 0x77, 0xB4), new Color(0x2C, 0xA0, 0x2C),
        new Color(0x94, 0x67, 0xBD), new Color(0xFF, 0x7F, 0x0E), new Color(0x8C, 0x56, 0x4B), new Color(0x7F, 0x7F, 0x7F)};
    private static final AtomicInteger IDS = new AtomicInteger();

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // charts are drawn without a display
        }
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        ChartFactory.setChartTheme(theme);
        TextUtils.setUseDrawRotatedStringWorkaround(false); // rotated axis labels as SVG text, not glyph outlines
    }

    private Charts() {}

    /** A histogram of values with a vertical line at the threshold, if any. */
    public static String histogram(String title, String xLabel, double[] values, OptionalDouble threshold, String thresholdLabel) {
        HistogramDataset data = new HistogramDataset();
        data.addSeries("answers", values, 20);
        JFreeChart chart = ChartFactory.createHistogram(title, xLabel, "answers", data, PlotOrientation.VERTICAL, false,
                false, false);
        XYPlot plot = chart.getXYPlot();
        plot.getRenderer().setSeriesPaint(0, PALETTE[1]);
        threshold.ifPresent(t -> plot.addDomainMarker(marker(t, thresholdLabel)));
        return svg(chart);
    }

    /** Lines through (x, y) points, one per series; a horizontal line at the threshold, if any. */
    public static String lines(String title, String xLabel, String yLabel, Map<String, double[][]> series,
                        OptionalDouble threshold, String thresholdLabel) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, points) -> {
            XYSeries s = new XYSeries(name);
            for (double[] p : points) {
                s.add(p[0], p[1]);
            }
            data.addSeries(s);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                series.size() > 1, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        colour(r, series.size());
        plot.setRenderer(r);
        threshold.ifPresent(t -> plot.addRangeMarker(marker(t, thresholdLabel)));
        return svg(chart);
    }

    /** Points, one circle each, coloured by group; no legend (the page says which colour is which). */
    public static String scatter(String title, String xLabel, String yLabel, Map<String, List<double[]>> groups) {
        XYSeriesCollection data = new XYSeriesCollection();
        groups.forEach((name, points) -> {
            XYSeries s = new XYSeries(name, false, true);
            points.forEach(p -> s.add(p[0], p[1]));
            data.addSeries(s);
        });
        JFreeChart chart = ChartFactory.createScatterPlot(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, false,
                false, false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setDrawOutlines(false); // one filled circle per point
        for (int i = 0; i < groups.size(); i++) {
            r.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        colour(r, groups.size());
        chart.getXYPlot().setRenderer(r);
        return svg(chart);
    }

    /** Means with ± error bars against x, one line per series: rows of {x, mean, error}. */
    public static String errorLines(String title, String xLabel, String yLabel, Map<String, List<double[]>> series) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        series.forEach((name, rows) -> {
            YIntervalSeries s = new YIntervalSeries(name);
            rows.forEach(r -> s.add(r[0], r[1], r[1] - r[2], r[1] + r[2]));
            data.addSeries(s);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true,
                false, false);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(true);
        r.setDrawXError(false);
        r.setErrorStroke(new BasicStroke(1f));
        colour(r, series.size());
        chart.getXYPlot().setRenderer(r);
        return svg(chart);
    }

    /**
     * Mean lines, each with a shaded band from its low to its high value, one per series: rows of
     * {x, mean, low, high}; y on a log axis when {@code logY} (every value must then be positive).
     */
    public static String bands(String title, String xLabel, String yLabel, Map<String, List<double[]>> series, boolean logY) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        series.forEach((name, rows) -> {
            YIntervalSeries s = new YIntervalSeries(name);
            rows.forEach(r -> s.add(r[0], r[1], r[2], r[3]));
            data.addSeries(s);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                series.size() > 1, false, false);
        XYPlot plot = chart.getXYPlot();
        DeviationRenderer r = new DeviationRenderer(true, false);
        r.setAlpha(0.25f);
        for (int i = 0; i < series.size(); i++) {
            Color c = PALETTE[i % PALETTE.length];
            r.setSeriesPaint(i, c);
            r.setSeriesFillPaint(i, c);
            r.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        plot.setRenderer(r);
        if (logY) {
            LogAxis axis = new LogAxis(yLabel);
            axis.setBase(10);
            axis.setAutoTickUnitSelection(false);
            axis.setTickUnit(new NumberTickUnit(1)); // one tick per power of ten
            axis.setNumberFormatOverride(new DecimalFormat("0.######", DecimalFormatSymbols.getInstance(Locale.ROOT)));
            axis.setLabelFont(plot.getRangeAxis().getLabelFont());
            axis.setTickLabelFont(plot.getRangeAxis().getTickLabelFont());
            plot.setRangeAxis(axis);
        }
        return svg(chart);
    }

    /** Bars of means with ± error bars: category → {mean, error}. */
    public static String bars(String title, String categoryLabel, String yLabel, Map<String, double[]> values,
                       OptionalDouble threshold, String thresholdLabel) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        values.forEach((category, v) -> data.add(v[0], Double.isNaN(v[1]) ? 0 : v[1], yLabel, category));
        JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, yLabel, data, PlotOrientation.VERTICAL, false,
                false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        r.setSeriesPaint(0, PALETTE[1]);
        r.setErrorIndicatorPaint(Color.BLACK);
        plot.setRenderer(r);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(3f);
        threshold.ifPresent(t -> plot.addRangeMarker(marker(t, thresholdLabel)));
        return svg(chart);
    }

    /**
     * Bars grouped by category, one bar per series in each group, with ± error bars and a legend:
     * category → series → {mean, error}. A series a category lacks leaves a gap in its group.
     */
    public static String groupedBars(String title, String categoryLabel, String yLabel,
                                     Map<String, Map<String, double[]>> values) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        List<String> series = values.values().stream().flatMap(m -> m.keySet().stream()).distinct().toList();
        values.forEach((category, bars) -> series.forEach(name -> {
            double[] v = bars.get(name);
            if (v == null) {
                data.add((Number) null, null, name, category); // a gap, not a bar at 0
            } else {
                data.add(v[0], Double.isNaN(v[1]) ? 0 : v[1], name, category);
            }
        }));
        JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, yLabel, data, PlotOrientation.VERTICAL, true,
                false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, PALETTE[(i + 1) % PALETTE.length]);
        }
        r.setErrorIndicatorPaint(Color.BLACK);
        plot.setRenderer(r);
        plot.getDomainAxis().setMaximumCategoryLabelLines(3);
        return svg(chart);
    }

    private static void colour(XYLineAndShapeRenderer r, int n) {
        for (int i = 0; i < n; i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
    }

    private static ValueMarker marker(double value, String label) {
        ValueMarker m = new ValueMarker(value, Color.BLACK, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        return m;
    }

    private static String svg(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        g.setGeomDoubleConverter(new DoubleConverter(2)); // coordinates to 1/100 pixel: a long curve stays small
        g.setDefsKeyPrefix("c" + IDS.incrementAndGet() + "_");
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g.getSVGElement("chart" + IDS.get());
    }
}
