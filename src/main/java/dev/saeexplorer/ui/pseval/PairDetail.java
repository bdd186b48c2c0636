package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.features.FeatureStore;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.ui.dashboards.DashboardWindow;
import java.util.function.IntFunction;
import javafx.scene.control.Hyperlink;

import dev.saeexplorer.ui.common.FormGrid;
import atlantafx.base.theme.Styles;
import dev.saeexplorer.core.lm.LogitLens;
import dev.saeexplorer.core.pseval.FeatureActivation;
import dev.saeexplorer.core.pseval.PairRecord;
import dev.saeexplorer.core.pseval.PsEvalRow;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The selected pair: both contexts with the target highlighted, the polysemous distinctions, and for each checkpoint
 * each context's max feature, top five features with activations, and the logit-lens top and bottom tokens of the max
 * feature (computed on demand; "computing…" until they arrive).
 */
final class PairDetail {
    static final String ID = "pseval-detail";

    private final PsEvalViewModel vm;
    private final VBox content = new VBox(10);
    private final ScrollPane scroll = new ScrollPane(content);

    PairDetail(PsEvalViewModel vm) {
        this.vm = vm;
        content.setId(ID);
        content.setPadding(new Insets(10, 12, 12, 12));
        content.getStyleClass().add("pair-detail");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMinWidth(0);
        vm.browser().lensProperty().addListener((obs, old, now) -> show(now));
        vm.storeProperty(false).addListener((obs, old, now) -> show(vm.browser().lensProperty().get()));
        vm.storeProperty(true).addListener((obs, old, now) -> show(vm.browser().lensProperty().get()));
        show(null);
    }

    Node node() {
        return scroll;
    }

    private void show(PairLens lens) {
        content.getChildren().clear();
        if (lens == null) {
            Label hint = new Label("Select a pair in the table to see both contexts, each context's top features and"
                    + " the tokens its max feature promotes and suppresses.");
            hint.setWrapText(true);
            hint.getStyleClass().add(Styles.TEXT_MUTED);
            content.getChildren().add(hint);
            return;
        }
        PairRow p = lens.row();
        PsEvalRow row = p.row();
        Label word = new Label(row.targetWord());
        word.getStyleClass().add(Styles.TITLE_3);
        word.setId("detail-word");
        word.setMinWidth(Region.USE_PREF_SIZE);
        Label meta = new Label((row.label() == 1 ? "same meaning (label 1)" : "different meaning (label 0)") + " · "
                + row.id() + (row.pos().isEmpty() ? "" : " · " + row.pos()));
        meta.getStyleClass().add(Styles.TEXT_MUTED);
        meta.setMinWidth(0);
        HBox title = new HBox(10, word, meta);
        title.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        content.getChildren().addAll(title, context(row, 1), context(row, 2));

        var run = vm.resultsProperty().get();
        if (p.a() == null) {
            Label note = new Label(run == null ? "Run PS-Eval to see this pair's features." : "Not evaluated: " + p.notA());
            note.setWrapText(true);
            note.getStyleClass().add(Styles.TEXT_MUTED);
            content.getChildren().add(note);
            return;
        }
        content.getChildren().add(distinction(p));
        content.getChildren().add(new Separator());
        content.getChildren().add(checkpoint(run.plan().a(), run.b() == null ? "" : "A", p.a(), lens, false));
        if (p.b() != null) {
            content.getChildren().add(new Separator());
            content.getChildren().add(checkpoint(run.plan().b(), "B", p.b(), lens, true));
        } else if (run.b() != null) {
            Label note = new Label("B: not evaluated: " + p.notB());
            note.getStyleClass().add(Styles.TEXT_MUTED);
            content.getChildren().add(note);
        }
    }

    private static Node context(PsEvalRow row, int which) {
        Label label = new Label("Context " + which);
        label.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        String text = which == 1 ? row.context1() : row.context2();
        VBox box = new VBox(2, label, ContextText.of(text, TargetSpan.of(row, which), "detail-context-" + which));
        return box;
    }

    private static Node distinction(PairRow p) {
        StringBuilder s = new StringBuilder("Polysemous distinction (1 − cos):  LLM ")
                .append(Table7.number(p.a().llmDistinction())).append(p.b() == null ? "  ·  SAE " : "  ·  SAE (A) ")
                .append(Table7.number(p.a().saeDistinction()));
        if (p.b() != null) {
            s.append("  ·  SAE (B) ").append(Table7.number(p.b().saeDistinction()));
        }
        Label l = new Label(s.toString());
        l.setId("detail-distinction");
        l.setWrapText(true);
        l.setTooltip(FormGrid.tooltip("1 − cosine similarity between the two contexts' vectors at the target: the LLM's"
                + " activations at the hook point, and the SAE's feature vectors. The chart above marks this pair."));
        return l;
    }

    private Node checkpoint(EvaluationJob.Side side, String letter, PairRecord r, PairLens lens, boolean b) {
        Label title = new Label((letter.isEmpty() ? "" : letter + ": ") + side.name());
        title.getStyleClass().add(Styles.TEXT_BOLD);
        boolean correct = Boolean.TRUE.equals(PairRow.correct(r));
        Label verdict = new Label((r.same() ? "same max feature" : "different max features") + " → "
                + (correct ? "✓ correct" : "✗ wrong") + " (" + r.outcome() + ")"
                + (r.noMaxFeature() ? "; a context has no active feature" : ""));
        verdict.getStyleClass().add(correct ? Styles.SUCCESS : Styles.DANGER);
        verdict.setId("detail-verdict-" + (b ? "b" : "a"));

        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(6);
        ColumnConstraints head = new ColumnConstraints(70, 86, 86);
        // Value columns share what is left and may shrink: their labels wrap instead of widening the pane.
        ColumnConstraints half = new ColumnConstraints(0, 120, Double.MAX_VALUE);
        half.setHgrow(Priority.ALWAYS);
        half.setFillWidth(true);
        g.getColumnConstraints().setAll(head, half, half);
        g.add(small("Context 1"), 1, 0);
        g.add(small("Context 2"), 2, 0);
        int row = 1;
        FeatureStore store = storeOf(side, b);
        if (store == null) {
            row = line(g, row, "Max feature", maxFeature(r.maxFeature1(), r.maxActivation1()),
                    maxFeature(r.maxFeature2(), r.maxActivation2()));
        } else {
            g.add(small("Max feature"), 0, row);
            g.add(dashboardLink(store, side, r.maxFeature1(), r.maxActivation1(), b, 1), 1, row);
            g.add(dashboardLink(store, side, r.maxFeature2(), r.maxActivation2(), b, 2), 2, row++);
        }
        row = line(g, row, "Top 5", top(r.top1()), top(r.top2()));
        row = line(g, row, "Logit lens ↑", tokens(r.maxFeature1(), lens.of(b, 1), true),
                tokens(r.maxFeature2(), lens.of(b, 2), true));
        line(g, row, "Logit lens ↓", tokens(r.maxFeature1(), lens.of(b, 1), false),
                tokens(r.maxFeature2(), lens.of(b, 2), false));
        g.setId("detail-features-" + (b ? "b" : "a"));
        return new VBox(6, title, verdict, g);
    }

    /** The feature store of the checkpoint this run read (the same SAE, at the same hook), or null. */
    private FeatureStore storeOf(EvaluationJob.Side side, boolean b) {
        FeatureStore store = vm.storeProperty(b).get();
        LoadedSae loaded = (b ? vm.checkpointB() : vm.checkpointA()).loaded();
        if (store == null || loaded == null || loaded.checkpoint().model() != side.sae()
                || !store.manifest().sae().hookName().equals(side.hook().name())) {
            return null;
        }
        return store;
    }

    /** The max feature as a link to its dashboard in a window of its own. */
    private Node dashboardLink(FeatureStore store, EvaluationJob.Side side, Integer f, Float activation, boolean b,
                               int context) {
        if (f == null || f >= store.features()) {
            return value(maxFeature(f, activation));
        }
        Hyperlink link = new Hyperlink(maxFeature(f, activation) + "  dashboard");
        link.setId("detail-dashboard-" + (b ? "b" : "a") + "-" + context);
        link.setPadding(Insets.EMPTY);
        link.setTooltip(FormGrid.tooltip("Open feature " + f + "'s dashboard: the texts that make it fire most, from"
                + " the feature store built in the checkpoint inspector (" + store.manifest().corpus().source() + ")."));
        link.setOnAction(e -> {
            LanguageModel lm = vm.modelProperty().get();
            IntFunction<String> text = id -> lm == null ? "#" + id : lm.tokenizer().tokenString(id);
            DashboardWindow.open(link.getScene() == null ? null : link.getScene().getWindow(), store, f, text,
                    "Feature " + f + " of " + side.name());
        });
        return link;
    }

    private static int line(GridPane g, int row, String head, String left, String right) {
        Label h = small(head);
        GridPane.setValignment(h, VPos.TOP);
        g.add(h, 0, row);
        g.add(value(left), 1, row);
        g.add(value(right), 2, row);
        return row + 1;
    }

    private static String maxFeature(Integer f, Float activation) {
        return f == null ? "none (all features are zero)" : String.format(Locale.ROOT, "#%d  (%.3f)", f, activation);
    }

    private static String top(List<FeatureActivation> top) {
        if (top.isEmpty()) {
            return "no active feature";
        }
        return top.stream().map(f -> String.format(Locale.ROOT, "#%d  %.3f", f.feature(), f.activation()))
                .collect(Collectors.joining("\n"));
    }

    private static String tokens(Integer feature, LogitLens.Result lens, boolean top) {
        if (feature == null) {
            return "—";
        }
        if (lens == null) {
            return "computing…";
        }
        return (top ? lens.top() : lens.bottom()).stream().map(t -> token(t.text())).collect(Collectors.joining("  "));
    }

    /** A token as people read it: surrounding spaces dropped, invisible characters named. */
    static String token(String text) {
        String t = text.replace("\n", "⏎").replace("\t", "⇥").strip();
        return t.isEmpty() ? "␣" : t;
    }

    private static Label small(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return l;
    }

    private static Label value(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("detail-value");
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setMinWidth(0);
        return l;
    }
}
