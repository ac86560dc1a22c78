package dev.stylefleet.bench.scaling;

import java.awt.BasicStroke;
import java.awt.Color;
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
import org.jfree.chart.axis.LogAxis;
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

    private ScalingCharts() {}

    /** Arrival rate, replicas and nodes (top) and total lag (bottom) over a run. */
    static void timeSeries(Path file, String title, List<TimeSeriesSample> series, double untilSeconds) {
        NumberAxis time = new NumberAxis("minutes");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        XYSeriesCollection pods = new XYSeriesCollection();
        pods.addSeries(line("replicas (Deployment spec)", series, untilSeconds, TimeSeriesSample::replicas));
        pods.addSeries(line("ready pods (consuming)", series, untilSeconds, TimeSeriesSample::readyPods));
        pods.addSeries(line("nodes held (billed)", series, untilSeconds, TimeSeriesSample::nodes));
        plot.add(new XYPlot(pods, null, new NumberAxis("pods / nodes"), lines(3)), 2);
        XYSeriesCollection load = new XYSeriesCollection();
        load.addSeries(line("arrivals (jobs/s, per 15 s)", series, untilSeconds, TimeSeriesSample::arrivalRate));
        plot.add(new XYPlot(load, null, new NumberAxis("jobs/s"), lines(1)), 1);
        XYSeriesCollection lag = new XYSeriesCollection();
        lag.addSeries(line("total lag (queued + in flight)", series, untilSeconds, s -> s.totalLag()));
        plot.add(new XYPlot(lag, null, new NumberAxis("jobs"), lines(1)), 1);
        save(file, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    /** Steady-trace p95 wait against partitions, one line per lag threshold (log scale). */
    static void p95VsPartitions(Path file, String title, List<GridPoint> grid) {
        TreeMap<Long, XYSeries> byThreshold = new TreeMap<>();
        for (GridPoint g : grid) {
            byThreshold.computeIfAbsent(g.lagThreshold(), t -> new XYSeries("lagThreshold " + t))
                    .add(g.partitions(), Math.max(g.steady().waitSeconds(95), 1e-3));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byThreshold.values().forEach(data::addSeries);
        LogAxis wait = new LogAxis("steady p95 queue wait (s, log)");
        wait.setSmallestValue(1e-3);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        XYPlot plot = new XYPlot(data, new NumberAxis("partitions (= maxReplicaCount)"), wait, renderer);
        save(file, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
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

    private static XYLineAndShapeRenderer lines(int count) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        Color[] colors = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x7f7f7f)};
        for (int i = 0; i < count; i++) {
            r.setSeriesStroke(i, new BasicStroke(1.5f));
            r.setSeriesPaint(i, colors[i % colors.length]);
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
