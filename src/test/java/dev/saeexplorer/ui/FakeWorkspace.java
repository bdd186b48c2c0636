package dev.saeexplorer.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.ui.common.ExportableChart;
import dev.saeexplorer.ui.common.ExportableTable;
import dev.saeexplorer.ui.workspace.Workspace;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.jfree.chart.ChartFactory;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A workspace with one number as its state, a chart and a table: enough to test the shell. */
final class FakeWorkspace implements Workspace {
    private final String title;
    private final Label view;
    int value;

    FakeWorkspace(String title, int value) {
        this.title = title;
        this.value = value;
        this.view = new Label(title + " workspace");
        view.setId("view-" + title);
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String iconLiteral() {
        return "mdal-grain";
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public List<ExportableChart> charts() {
        return List.of(new ExportableChart(title + " chart", () -> {
            XYSeries s = new XYSeries("values");
            s.add(0, 0);
            s.add(1, value);
            return ChartFactory.createXYLineChart(title, "x", "y", new XYSeriesCollection(s));
        }));
    }

    @Override
    public List<ExportableTable> tables() {
        return List.of(new ExportableTable(title + " table", List.of("name", "value"),
                () -> List.of(List.of("value, with comma", Integer.toString(value)))));
    }

    @Override
    public JsonNode saveState() {
        return Json.mapper().createObjectNode().put("value", value);
    }

    @Override
    public void restoreState(JsonNode state) {
        JsonNode v = state.get("value");
        if (v == null || !v.isInt() || v.asInt() < 0) {
            throw new InvalidInputException("value must be a non-negative integer");
        }
        value = v.asInt();
    }
}
