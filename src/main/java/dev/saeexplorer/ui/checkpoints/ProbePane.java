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
    record TokenRow(String token, String features) {
    }

    /** One spliced metric. */
    record MetricRow(String metric, String value, String meaning) {
    }

    private final ModelProbe probe;
    private final javafx.beans.property.ReadOnlyIntegerProperty selected;

    ProbePane(ModelProbe probe, javafx.beans.property.ReadOnlyIntegerProperty selected) {
        this.probe = probe;
        this.selected = selected;
    }

    List<Tab> tabs() {
        return List.of(new Tab("Dashboard", new DashboardPane(probe, selected).node()), new Tab("Prompt", prompt()),
                new Tab("Spliced into the model", spliced()));
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
        table.getColumns().add(column("Token", TokenRow::token, 110));
        table.getColumns().add(column("Most active features of A (activation)", TokenRow::features, 420));
        table.setPlaceholder(placeholder("Load a model and open its SAE, then read a prompt: each token's most active"
                + " features appear here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        probe.promptProperty().addListener((obs, was, r) -> table.getItems().setAll(rows(r)));
        VBox.setVgrow(table, Priority.ALWAYS);
        return box(new HBox(8, text, read), table);
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
        table.getColumns().add(column("Value", MetricRow::value, 90));
        table.getColumns().add(column("Meaning", MetricRow::meaning, 330));
        table.setPlaceholder(placeholder("Runs the model on the first " + ModelProbe.SPLICE_TOKENS + " tokens of the"
                + " bundled corpus clean, with A's reconstruction at its hook, and with the hook zeroed."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        probe.spliceProperty().addListener((obs, was, r) -> table.getItems().setAll(rows(r)));
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
            out.add(new TokenRow("'" + r.tokens().get(i) + "'", b.length() == 0 ? "none active" : b.toString()));
        }
        return out;
    }

    static List<MetricRow> rows(SpliceMetrics.Result r) {
        if (r == null) {
            return List.of();
        }
        return List.of(
                new MetricRow("CE loss, clean", num(r.ceLossClean()), "next-token cross-entropy of the model"),
                new MetricRow("CE loss, spliced", num(r.ceLossSpliced()), "with A's reconstruction at the hook"),
                new MetricRow("CE loss, zero-ablated", num(r.ceLossZeroAblation()), "with the hook set to 0"),
                new MetricRow("CE loss recovered", r.ceLossRecovered() == null ? "—" : num(r.ceLossRecovered()),
                        "1 = as good as clean, 0 = as bad as zero"),
                new MetricRow("KL(clean ‖ spliced)", num(r.klDivergence()), "how far the predictions move"),
                new MetricRow("L0", num(r.l0()), "features active per token"),
                new MetricRow("Explained variance", num(r.explainedVariance()), "1 − residual / variance of x"),
                new MetricRow("MSE", num(r.mse()), "mean squared reconstruction error per value"));
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
