package io.qecnode.bench.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A percentile plot in the HdrHistogram style: latency against "1 / (1 - percentile)" on a log axis, so that the
 * median, 99%, 99.9% and 99.99% sit at 2, 100, 1000 and 10000, with several histograms on one chart.
 */
public final class PercentilePlot
{
    private final XYChart chart;

    /**
     * @param title chart title.
     */
    public PercentilePlot(final String title)
    {
        System.setProperty("java.awt.headless", "true");
        chart = new XYChartBuilder().width(1000).height(600).title(title)
            .xAxisTitle("1 / (1 - percentile): 2 = p50, 100 = p99, 1000 = p99.9, 10000 = p99.99")
            .yAxisTitle("latency (us)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(0);
    }

    /**
     * @param name      series name.
     * @param histogram latencies in nanoseconds.
     * @return this plot.
     */
    public PercentilePlot add(final String name, final Histogram histogram)
    {
        final List<Double> x = new ArrayList<>();
        final List<Double> y = new ArrayList<>();
        for (final HistogramIterationValue value : histogram.percentiles(5))
        {
            final double percentile = value.getPercentileLevelIteratedTo() / 100.0;
            if (percentile >= 1.0)
            {
                break;
            }
            x.add(1.0 / (1.0 - percentile));
            y.add(Math.max(0.001, value.getValueIteratedTo() / 1000.0));
        }
        if (!x.isEmpty())
        {
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
        }
        return this;
    }

    /**
     * @param file where the PNG goes.
     * @throws IOException if it cannot be written.
     */
    public void save(final Path file) throws IOException
    {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
