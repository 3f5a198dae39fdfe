package dev.abic.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's plots, drawn by XChart into PNG files. */
final class Charts {
    static final int WIDTH = 900;
    static final int HEIGHT = 420;
    /** abic first, in the same colour in every plot; the peers after it. */
    static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0x7f7f7f), new Color(0xff7f0e), new Color(0x2ca02c)};

    private Charts() {}

    /** A grouped bar chart: one group per category, one bar per series. */
    static void bars(String title, String xTitle, String yTitle, List<String> categories, Map<String, double[]> series,
            boolean logarithmic, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        if (logarithmic) {
            // Bars grow from the axis minimum, which must be above zero on a log scale.
            double min = series.values().stream().flatMapToDouble(Arrays::stream).min().orElse(1);
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        for (Map.Entry<String, double[]> s : series.entrySet()) {
            chart.addSeries(s.getKey(), categories, Arrays.stream(s.getValue()).boxed().toList());
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Lines on logarithmic axes: straight and parallel to the diagonal when cost grows linearly. */
    static void logLog(String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series, Path png)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (Map.Entry<String, double[]> s : series.entrySet()) {
            XYSeries line = chart.addSeries(s.getKey(), x, s.getValue());
            line.setMarker(SeriesMarkers.CIRCLE);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void style(AxesChartStyler styler) {
        styler.setSeriesColors(COLOURS);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setAntiAlias(true);
        styler.setYAxisDecimalPattern("#,##0.##");
    }
}
