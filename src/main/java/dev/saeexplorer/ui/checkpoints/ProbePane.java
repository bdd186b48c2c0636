package dev.saeexplorer.ui.checkpoints;

import atlantafx.base.theme.Styles;
import dev.saeexplorer.core.lm.PromptFeatures;
import dev.saeexplorer.core.lm.SpliceMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The inspector's tabs for A read through the model: "Dashboard" (what the selected feature responds to), "Prompt"
 * (features per token) and "Spliced" (the metrics).
 */
final class ProbePane {
    static final String PROMPT_ID = "probe-prompt";
    static final String READ_ID = "probe-read";
    static final String MEASURE_ID = "probe-measure";

    /** One token of the prompt and its top features, as the table shows them. */
    record TokenRow(String token, String features, List<PromptFeatures.Activation> top) {
        List<String> cells() {
            return List.of(token, features);
        }
    }

    /** One spliced metric: A's value, B's (empty without B) and what it means. */
    record MetricRow(String metric, String value, String valueB, String meaning) {
        static final List<String> COLUMNS = List.of("Metric", "A", "B", "Meaning");

        List<String> cells() {
            return List.of(metric, value, valueB, meaning);
        }
    }

    static final List<String> TOKEN_COLUMNS = List.of("Token", "Most active features (activation)");

    private final ModelProbe probe;
    private final DashboardPane dashboard;
    private final java.util.function.IntConsumer select;
    private final Tab dashboardTab;

    /** @param select selects a feature in the inspector (a click on a feature in the prompt view) */
    ProbePane(ModelProbe probe, javafx.beans.property.ReadOnlyIntegerProperty selected,
              java.util.function.IntConsumer select) {
        this.probe = probe;
        this.select = select;
        this.dashboard = new DashboardPane(probe, selected);
        this.dashboardTab = new Tab("Dashboard", dashboard.node());
    }

    List<Tab> tabs() {
        return List.of(dashboardTab, new Tab("Prompt", prompt()), new Tab("Spliced into the model", spliced()));
    }

    /** Selects {@code feature} and shows its dashboard. */
    private void openDashboard(int feature) {
        select.accept(feature);
        if (dashboardTab.getTabPane() != null) {
            dashboardTab.getTabPane().getSelectionModel().select(dashboardTab);
        }
    }

    /** The selected feature's activation histogram, for export. */
    org.jfree.chart.JFreeChart histogramChart() {
        return dashboard.histogramChart();
    }

    private Node prompt() {
        TextField text = new TextField();
        text.textProperty().bindBidirectional(probe.promptTextProperty());
        text.setId(PROMPT_ID);
        text.setPromptText("Type or paste text, then Read");
        Button read = new Button("Read", new FontIcon("mdmz-play_arrow"));
        read.setId(READ_ID);
        read.setDefaultButton(false);
        read.setOnAction(e -> probe.read());
        text.setOnAction(e -> probe.read());
        HBox.setHgrow(text, Priority.ALWAYS);
        TableView<TokenRow> table = new TableView<>();
        table.getColumns().add(column(TOKEN_COLUMNS.get(0), TokenRow::token, 110));
        TableColumn<TokenRow, String> features = column(TOKEN_COLUMNS.get(1), TokenRow::features, 420);
        features.setCellFactory(c -> new FeatureLinks());
        table.getColumns().add(features);
        table.setPlaceholder(placeholder("Load a model and open its SAE, then read a prompt: each token's most active"
                + " features appear here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        probe.promptProperty().addListener((obs, was, r) -> table.getItems().setAll(rows(r)));
        VBox.setVgrow(table, Priority.ALWAYS);
        return box(new HBox(8, text, read), table);
    }

    /** A token's features as links: a click opens the feature's dashboard. */
    private final class FeatureLinks extends javafx.scene.control.TableCell<TokenRow, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            TokenRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (row == null || row.top().isEmpty()) {
                setGraphic(null);
                setText(empty ? null : item);
                return;
            }
            HBox links = new HBox(10);
            for (PromptFeatures.Activation a : row.top()) {
                javafx.scene.control.Hyperlink link = new javafx.scene.control.Hyperlink(String.format(Locale.ROOT,
                        "#%d (%.3g)", a.feature(), a.activation()));
                link.setOnAction(e -> openDashboard(a.feature()));
                link.setPadding(Insets.EMPTY);
                links.getChildren().add(link);
            }
            setText(null);
            setGraphic(links);
        }
    }

    private Node spliced() {
        Button measure = new Button("Splice A into the model", new FontIcon("mdmz-play_arrow"));
        measure.setId(MEASURE_ID);
        measure.setOnAction(e -> probe.measure());
        measure.disableProperty().bind(probe.spliceJobProperty().isNotNull());
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(probe.spliceJobProperty().isNull());
        cancel.setOnAction(e -> probe.cancel());
        ProgressBar bar = new ProgressBar(0);
        bar.visibleProperty().bind(probe.spliceJobProperty().isNotNull());
        probe.spliceJobProperty().addListener((obs, was, job) -> {
            bar.progressProperty().unbind();
            if (job != null) {
                bar.progressProperty().bind(job.progressProperty());
            }
        });
        HBox controls = new HBox(8, measure, cancel, bar);
        controls.setAlignment(Pos.CENTER_LEFT);
        TableView<MetricRow> table = new TableView<>();
        table.getColumns().add(column("Metric", MetricRow::metric, 190));
        table.getColumns().add(column("A", MetricRow::value, 90));
        TableColumn<MetricRow, String> b = column("B", MetricRow::valueB, 90);
        b.visibleProperty().bind(probe.spliceBProperty().isNotNull());
        table.getColumns().add(b);
        table.getColumns().add(column("Meaning", MetricRow::meaning, 330));
        table.setPlaceholder(placeholder("Runs the model on the first " + ModelProbe.SPLICE_TOKENS + " tokens of the"
                + " bundled corpus clean, with A's reconstruction at its hook, and with the hook zeroed."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Runnable refresh = () -> table.getItems().setAll(rows(probe.spliceProperty().get(),
                probe.spliceBProperty().get()));
        probe.spliceProperty().addListener((obs, was, r) -> refresh.run());
        probe.spliceBProperty().addListener((obs, was, r) -> refresh.run());
        VBox.setVgrow(table, Priority.ALWAYS);
        return box(controls, table);
    }

    private static Label placeholder(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(420);
        return l;
    }

    private Node box(Node top, Node table) {
        Label note = new Label();
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        note.textProperty().bind(probe.noteProperty());
        note.visibleProperty().bind(Bindings.isNotEmpty(probe.noteProperty()));
        note.setWrapText(true);
        VBox box = new VBox(8, top, note, table);
        box.setPadding(new Insets(8));
        return box;
    }

    static List<TokenRow> rows(PromptFeatures.Result r) {
        List<TokenRow> out = new ArrayList<>();
        if (r == null) {
            return out;
        }
        for (int i = 0; i < r.tokens().size(); i++) {
            StringBuilder b = new StringBuilder();
            for (PromptFeatures.Activation a : r.top().get(i)) {
                b.append(b.length() == 0 ? "" : "   ").append('#').append(a.feature())
                        .append(String.format(Locale.ROOT, " (%.3g)", a.activation()));
            }
            out.add(new TokenRow("'" + r.tokens().get(i) + "'", b.length() == 0 ? "none active" : b.toString(),
                    r.top().get(i)));
        }
        return out;
    }

    /** The splice table: A's metrics, with B's beside them when B was spliced too. */
    static List<MetricRow> rows(SpliceMetrics.Result r, SpliceMetrics.Result b) {
        if (r == null) {
            return List.of();
        }
        List<MetricRow> out = new ArrayList<>();
        for (Metric m : Metric.values()) {
            out.add(new MetricRow(m.label, m.format(r), b == null ? "" : m.format(b), m.meaning));
        }
        return out;
    }

    /** The spliced metrics, as the table and the inspector's summary name them. */
    enum Metric {
        CE_CLEAN("CE loss, clean", "next-token cross-entropy of the model", SpliceMetrics.Result::ceLossClean),
        CE_SPLICED("CE loss, spliced", "with the SAE's reconstruction at the hook", SpliceMetrics.Result::ceLossSpliced),
        CE_ZERO("CE loss, zero-ablated", "with the hook set to 0", SpliceMetrics.Result::ceLossZeroAblation),
        CE_RECOVERED("CE loss recovered", "1 = as good as clean, 0 = as bad as zero", null),
        KL("KL(clean ‖ spliced)", "how far the predictions move", SpliceMetrics.Result::klDivergence),
        L0("L0", "features active per token", SpliceMetrics.Result::l0),
        EXPLAINED("Explained variance", "1 − residual / variance of x", SpliceMetrics.Result::explainedVariance),
        MSE("MSE", "mean squared reconstruction error per value", SpliceMetrics.Result::mse);

        final String label;
        final String meaning;
        private final java.util.function.ToDoubleFunction<SpliceMetrics.Result> value;

        Metric(String label, String meaning, java.util.function.ToDoubleFunction<SpliceMetrics.Result> value) {
            this.label = label;
            this.meaning = meaning;
            this.value = value;
        }

        String format(SpliceMetrics.Result r) {
            if (this == CE_RECOVERED) {
                return r.ceLossRecovered() == null ? "—" : num(r.ceLossRecovered());
            }
            return num(value.applyAsDouble(r));
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static <R> TableColumn<R, String> column(String title, java.util.function.Function<R, String> value,
                                                     double width) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new javafx.beans.property.SimpleStringProperty(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
