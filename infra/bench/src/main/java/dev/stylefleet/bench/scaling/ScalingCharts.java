package dev.stylefleet.bench.scaling;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The PNG charts of docs/scaling.md, drawn with JFreeChart. */
final class ScalingCharts {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 650;
    private static final double MINUTE = 60;
    private static final Color BLUE = new Color(0x1f77b4);
    private static final Color RED = new Color(0xd62728);
    private static final Color GREY = new Color(0x7f7f7f);
    private static final Color GREEN = new Color(0x2ca02c);
    private static final Color PURPLE = new Color(0x9467bd);

    /** Waits below this (1 ms) are drawn at it: a log axis has no zero. */
    private static final double MIN_LOGGED_WAIT = 1e-3;

    private ScalingCharts() {}

    /** Arrival rate, replicas and nodes (top) and total lag (bottom) over a run. */
    static void timeSeries(Path file, String title, List<TimeSeriesSample> series, double untilSeconds) {
        NumberAxis time = new NumberAxis("minutes");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        XYSeriesCollection pods = new XYSeriesCollection();
        pods.addSeries(line("replicas (Deployment spec)", series, untilSeconds, TimeSeriesSample::replicas));
        pods.addSeries(line("ready pods (consuming)", series, untilSeconds, TimeSeriesSample::readyPods));
        pods.addSeries(line("nodes held (billed)", series, untilSeconds, TimeSeriesSample::nodes));
        plot.add(new XYPlot(pods, null, new NumberAxis("pods / nodes"), lines(BLUE, RED, GREY)), 2);
        XYSeriesCollection load = new XYSeriesCollection();
        load.addSeries(line("arrivals (jobs/s, per 15 s)", series, untilSeconds, TimeSeriesSample::arrivalRate));
        plot.add(new XYPlot(load, null, new NumberAxis("jobs/s"), lines(GREEN)), 1);
        XYSeriesCollection lag = new XYSeriesCollection();
        lag.addSeries(line("total lag (queued + in flight)", series, untilSeconds, s -> s.totalLag()));
        plot.add(new XYPlot(lag, null, new NumberAxis("jobs"), lines(PURPLE)), 1);
        save(file, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    /**
     * Against partitions, one line per lag threshold (log scale): the steady trace's p95 wait (top) and the
     * burst trace's p75 wait (bottom), the two the configuration is chosen by.
     */
    static void waitsVsPartitions(Path file, String title, List<GridPoint> grid) {
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("partitions (= maxReplicaCount)"));
        plot.add(byThreshold(grid, "steady p95 wait (s)", g -> g.steady().waitSeconds(95), true), 1);
        plot.add(byThreshold(grid, "burst p75 wait (s)", g -> g.burst().waitSeconds(75), false), 1);
        save(file, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    /** One subplot; {@code legend}: whether its lines go in the chart's legend (the same thresholds are in both). */
    private static XYPlot byThreshold(List<GridPoint> grid, String label, ToDoubleFunction<GridPoint> wait, boolean legend) {
        TreeMap<Long, XYSeries> byThreshold = new TreeMap<>();
        for (GridPoint g : grid) {
            byThreshold.computeIfAbsent(g.lagThreshold(), t -> new XYSeries("lagThreshold " + t))
                    .add(g.partitions(), Math.max(wait.applyAsDouble(g), MIN_LOGGED_WAIT));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byThreshold.values().forEach(data::addSeries);
        LogarithmicAxis axis = new LogarithmicAxis(label + ", log");
        axis.setStrictValuesFlag(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setDefaultSeriesVisibleInLegend(legend);
        Color[] colors = {BLUE, RED, GREEN, PURPLE, GREY};
        for (int i = 0; i < byThreshold.size(); i++) {
            renderer.setSeriesPaint(i, colors[i % colors.length]);
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        return new XYPlot(data, null, axis, renderer);
    }

    private static XYSeries line(String name, List<TimeSeriesSample> series, double until, ToDoubleFunction<TimeSeriesSample> value) {
        XYSeries s = new XYSeries(name, true, true);
        for (TimeSeriesSample sample : series) {
            if (sample.time() <= until) {
                s.addOrUpdate(sample.time() / MINUTE, value.applyAsDouble(sample));
            }
        }
        return s;
    }

    private static XYLineAndShapeRenderer lines(Color... colors) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < colors.length; i++) {
            r.setSeriesStroke(i, new BasicStroke(1.5f));
            r.setSeriesPaint(i, colors[i]);
        }
        return r;
    }

    private static void save(Path file, JFreeChart chart) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            chart.setBackgroundPaint(Color.WHITE);
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    static String fileName(String what, PoolKind kind, double scale) {
        return String.format(Locale.ROOT, "scaling-%s-%s-%sx.png", what, kind.name().toLowerCase(Locale.ROOT), ScalingReport.scale(scale));
    }
}
