package dev.saeexplorer.ui.sweep;

import dev.saeexplorer.core.experiment.SweepRow;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import dev.saeexplorer.ui.jobs.LatestWins;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.title.TextTitle;

/**
 * The sweep's five figures, rebuilt from the rows whenever they change: built off the UI thread ("latest wins", so a
 * burst of rows costs one rebuild) and swapped in on it; {@link #revisionProperty()} says when.
 */
final class SweepFigures {
    private final LatestWins<Map<SweepFigure, JFreeChart>> builds;
    private final Map<SweepFigure, JFreeChart> charts = new EnumMap<>(SweepFigure.class);
    /** Counts rebuilds. (JFreeChart's equals ignores the data, so a property of charts would not always fire.) */
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "chartsRevision");

    private final WorkspaceContext ctx;

    SweepFigures(WorkspaceContext ctx) {
        this.ctx = ctx;
        this.builds = new LatestWins<>(ctx.executor(), ctx.synchronous());
        charts.putAll(build(List.of(), false));
    }

    /** Rebuilds every figure from {@code rows}; {@code running} words the placeholder of an empty figure. */
    void update(List<SweepRow> rows, boolean running) {
        List<SweepRow> snapshot = List.copyOf(rows);
        builds.request(monitor -> build(snapshot, running), built -> {
            charts.putAll(built);
            revision.set(revision.get() + 1);
        }, error -> ctx.errors().report("Cannot draw the sweep figures", ErrorText.forPeople(error, FieldLabels.TABLE)));
    }

    JFreeChart chart(SweepFigure figure) {
        return charts.get(figure);
    }

    ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    void shutdown() {
        builds.shutdown();
    }

    private static Map<SweepFigure, JFreeChart> build(List<SweepRow> rows, boolean running) {
        Map<SweepFigure, JFreeChart> built = new EnumMap<>(SweepFigure.class);
        for (SweepFigure f : SweepFigure.values()) {
            JFreeChart chart = f.build(rows);
            // Fixed 0.1 ticks overlap in a third of a window: let the axis pick 0.1, 0.2, 0.25 ... to fit its width.
            NumberAxis x = (NumberAxis) chart.getXYPlot().getDomainAxis();
            x.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
            x.setAutoTickUnitSelection(true, false);
            if (rows.isEmpty()) {
                // "Mean ± 1 s.d. over 0 seeds" says nothing before the first run.
                for (int i = chart.getSubtitleCount() - 1; i >= 0; i--) {
                    if (chart.getSubtitle(i) instanceof TextTitle) {
                        chart.removeSubtitle(chart.getSubtitle(i));
                    }
                }
                chart.getXYPlot().setNoDataMessage(running ? "Waiting for the first run to finish…"
                        : "No runs yet: press Run sweep");
            }
            built.put(f, chart);
        }
        return built;
    }
}
