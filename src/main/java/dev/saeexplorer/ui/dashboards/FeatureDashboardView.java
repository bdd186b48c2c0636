package dev.saeexplorer.ui.dashboards;

import atlantafx.base.theme.Styles;
import dev.saeexplorer.charts.ActivationHistogramChart;
import dev.saeexplorer.charts.ChartStyle;
import dev.saeexplorer.core.features.FeatureReport;
import dev.saeexplorer.core.features.FeatureStore;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.paint.Color;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/**
 * One feature's dashboard, as SAEDashboard shows one: what it responds to. Its statistics over the corpus, the
 * histogram of its positive activations, its top contexts with every token shaded by the feature's activation (hover:
 * the value; the max token underlined and bold) and contexts from lower quantile bands. Used by the inspector and by
 * the window PS-Eval opens for a pair's max feature.
 */
public final class FeatureDashboardView {
    public static final String HEADER_ID = "dashboard-header";
    public static final String EXAMPLES_ID = "dashboard-examples";

    private final IntFunction<String> tokenText;
    private final Label header = new Label();
    private final ActivationHistogramChart histogram = new ActivationHistogramChart();
    private final ChartViewer histogramViewer = new ChartViewer(histogram.chart());
    private final VBox examples = new VBox(6);
    private final VBox node;

    /** @param tokenText a token id's text in the model's tokenizer */
    public FeatureDashboardView(IntFunction<String> tokenText) {
        this.tokenText = tokenText;
        header.setId(HEADER_ID);
        header.getStyleClass().add(Styles.TEXT_BOLD);
        header.setWrapText(true);
        examples.setId(EXAMPLES_ID);
        hoverValues(examples);
        // The histogram sits beside the statistics, so the contexts keep the height.
        histogramViewer.setPrefSize(360, 140);
        histogramViewer.setMinSize(240, 110);
        histogramViewer.setMaxHeight(140);
        header.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(header, Priority.ALWAYS);
        HBox top = new HBox(12, header, histogramViewer);
        ScrollPane scroll = new ScrollPane(examples);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        node = new VBox(6, top, scroll);
        show(null, -1, "");
    }

    public Node node() {
        return node;
    }

    /** The histogram as it is drawn now (for export). */
    public JFreeChart histogramChart() {
        return histogram.chart();
    }

    /** What the header says now (tests, accessibility). */
    public String headerText() {
        return header.getText();
    }

    /**
     * Shows {@code feature} of {@code store}; without a store or a feature in range, {@code hint} says what to do.
     */
    public void show(FeatureStore store, int feature, String hint) {
        examples.getChildren().clear();
        boolean any = store != null && feature >= 0 && feature < store.features();
        histogramViewer.setVisible(any);
        histogramViewer.setManaged(any);
        if (!any) {
            header.setText(hint);
            histogram.show(null, "");
            return;
        }
        FeatureReport r = store.feature(feature);
        header.setText(String.format(Locale.ROOT, "Feature %d\nfires on %.3g%% of %,d tokens\nmax activation %.4g\n"
                        + "mean activation %.4g", feature, 100 * r.density(), store.manifest().counts().tokens(),
                r.maxActivation(), r.meanActivation()));
        histogram.show(r, "positive activations, log-spaced bins");
        if (r.examples().isEmpty()) {
            examples.getChildren().add(new Label("It never fired on this corpus (a dead feature here)."));
            return;
        }
        examples.getChildren().add(section("Top contexts"));
        add(r.examples(), r.maxActivation());
        for (FeatureReport.QuantileBand band : r.quantileSamples()) {
            examples.getChildren().add(section(String.format(Locale.ROOT, "From the quantiles %.0f%%–%.0f%% of its"
                    + " context maxima", 100 * band.lowerQuantile(), 100 * band.upperQuantile())));
            add(band.examples(), r.maxActivation());
        }
    }

    private void add(List<FeatureReport.Example> list, float scale) {
        for (FeatureReport.Example e : list) {
            examples.getChildren().add(shaded(e, scale, tokenText));
        }
    }

    private static Label section(String title) {
        Label l = new Label(title);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return l;
    }

    /**
     * One context: each token a label shaded in the SAE's colour by its activation over the feature's max, the max
     * token underlined and bold. Each label keeps its activation as user data for {@link #hoverValues}; backgrounds
     * and fonts are set directly, not through CSS, because a dashboard draws thousands of tokens.
     */
    public static FlowPane shaded(FeatureReport.Example e, float scale, IntFunction<String> text) {
        java.awt.Color c = ChartStyle.Role.SAE.colour();
        int[] ids = e.ids();
        float[] acts = e.activations();
        FlowPane row = new FlowPane();
        row.setHgap(0);
        row.setVgap(2);
        Label[] tokens = new Label[ids.length];
        for (int i = 0; i < ids.length; i++) {
            double alpha = scale > 0 ? Math.max(0, Math.min(1, acts[i] / scale)) : 0;
            Label t = new Label(text.apply(ids[i]).replace("\n", "↵"));
            if (alpha > 0) {
                t.setBackground(new Background(new BackgroundFill(Color.rgb(c.getRed(), c.getGreen(), c.getBlue(),
                        0.85 * alpha), CornerRadii.EMPTY, Insets.EMPTY)));
            }
            if (i == e.position()) {
                t.setUnderline(true);
                t.setStyle("-fx-font-weight: bold;");
            }
            t.setUserData(acts[i]);
            tokens[i] = t;
        }
        row.getChildren().addAll(tokens);
        Label max = new Label(String.format(Locale.ROOT, "   max %.3g", e.max()));
        max.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        row.getChildren().add(max);
        return row;
    }

    /**
     * One tooltip for all the tokens under {@code area}: hovering a token shows its activation (a tooltip per token
     * would cost more than the tokens).
     */
    public static void hoverValues(Node area) {
        Tooltip tip = new Tooltip();
        tip.setShowDelay(javafx.util.Duration.millis(150));
        Tooltip.install(area, tip);
        area.addEventFilter(MouseEvent.MOUSE_MOVED, e -> {
            Node n = e.getPickResult().getIntersectedNode();
            while (n != null && n != area && !(n.getUserData() instanceof Float)) {
                n = n.getParent();
            }
            if (n != null && n.getUserData() instanceof Float value && n instanceof Label l) {
                tip.setText(String.format(Locale.ROOT, "'%s': %.4g", l.getText(), value));
            } else {
                tip.setText("");
            }
        });
        tip.setOnShowing(e -> {
            if (tip.getText().isEmpty()) {
                tip.hide();
            }
        });
    }
}
