package io.qecnode.bench.threshold;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Logical error rate against p on log axes: one colour per distance, one line style and marker per decoder, each
 * point's 95% interval as a vertical bar. The decoders' points are nudged apart along p so their bars do not hide
 * each other. Points without a logical error cannot sit on a log axis: they are left out of the line and only their
 * interval's upper end is drawn.
 */
public final class ThresholdPlot
{
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    private static final BasicStroke[] LINES = {
        SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT};
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};
    private static final double NUDGE = 0.012;

    private final XYChart chart;
    private final int styles;
    private int bars;

    /**
     * @param title  chart title.
     * @param styles how many decoders (line styles) the plot will show, to centre the nudges.
     */
    public ThresholdPlot(final String title, final int styles)
    {
        System.setProperty("java.awt.headless", "true");
        chart = new XYChartBuilder().width(1200).height(800).title(title)
            .xAxisTitle("physical error probability p (log scale)").yAxisTitle("logical error rate per shot").build();
        // XChart labels a log axis only at powers of ten, and a sweep of p spans less than one: x is drawn as
        // log10(p) on a linear axis, its ticks labelled with p.
        chart.setCustomXAxisTickLabelsFormatter(x -> String.format(Locale.ROOT, "%.2g", Math.pow(10.0, x)));
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("0.#E0");
        this.styles = styles;
    }

    /**
     * @param name          legend entry, e.g. {@code d=5 weighted}.
     * @param distanceIndex index of the distance among the plot's distances: picks the colour.
     * @param styleIndex    index of the decoder: picks the line style and the marker, and the nudge along p.
     * @param points        the curve's points, p ascending.
     * @param intervals     whether to draw the points' 95% intervals.
     * @return this plot.
     */
    public ThresholdPlot add(
        final String name,
        final int distanceIndex,
        final int styleIndex,
        final List<? extends RatePoint> points,
        final boolean intervals)
    {
        final Color colour = COLOURS[distanceIndex % COLOURS.length];
        final double nudge = 1.0 + NUDGE * (styleIndex - (styles - 1) / 2.0);
        final List<Double> x = new ArrayList<>();
        final List<Double> y = new ArrayList<>();
        for (final RatePoint point : points)
        {
            if (point.logicalErrors() > 0)
            {
                x.add(Math.log10(point.p() * nudge));
                y.add(point.logicalErrorRate());
            }
            if (intervals)
            {
                bar(point, Math.log10(point.p() * nudge), colour);
            }
        }
        if (!x.isEmpty())
        {
            final XYSeries series = chart.addSeries(name, x, y);
            series.setLineColor(colour);
            series.setMarkerColor(colour);
            series.setLineStyle(LINES[styleIndex % LINES.length]);
            series.setMarker(MARKERS[styleIndex % MARKERS.length]);
        }
        return this;
    }

    private void bar(final RatePoint point, final double x, final Color colour)
    {
        // The lower end of an interval around zero errors is zero: the bar stops a decade below its upper end.
        final double high = point.ciHigh();
        final double low = point.logicalErrors() > 0 ? point.ciLow() : high / 10.0;
        final XYSeries series = chart.addSeries("interval " + bars++, List.of(x, x), List.of(low, high));
        series.setLineColor(colour);
        series.setLineStyle(SeriesLines.SOLID);
        series.setMarker(SeriesMarkers.NONE);
        series.setShowInLegend(false);
    }

    /**
     * @param file where the PNG goes.
     * @throws IOException if it cannot be written.
     */
    public void save(final Path file) throws IOException
    {
        // To the stream, not the file name: XChart would add ".png" to a name without it.
        try (OutputStream out = Files.newOutputStream(file))
        {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
