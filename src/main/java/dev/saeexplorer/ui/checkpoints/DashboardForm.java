package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.corpus.Corpora;
import dev.saeexplorer.core.corpus.Corpus;
import dev.saeexplorer.core.features.StoreSettings;
import dev.saeexplorer.ui.common.FieldParsers;
import dev.saeexplorer.ui.common.InputField;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the feature dashboards are built from: the corpus (the bundled sample, a text or JSONL file, or a WiC folder)
 * and the store's settings, as typed. The core's own rules judge the numbers; {@link #problem()} says what stops a
 * build, in the fields' words.
 */
final class DashboardForm {
    /** Where the texts come from. */
    enum CorpusKind {
        BUNDLED("The bundled sample corpus"), FILE("A text or JSONL file"), WIC("A WiC folder");

        private final String label;

        CorpusKind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** WiC's splits, as the PS-Eval browser names them. */
    static final List<String> SPLITS = List.of("train", "dev", "test");

    /** A build the form asks for: a corpus to read (in the background: a file may be large) and the settings. */
    record Request(CorpusKind kind, Path path, String split, StoreSettings settings) {
        /** Reads the corpus; a bad file is an {@link InvalidInputException} that says what is wrong with it. */
        Corpus corpus() {
            return kind == CorpusKind.BUNDLED ? Corpora.bundled() : Corpora.read(path, split);
        }

        /** How the corpus is named in notes. */
        String corpusName() {
            return kind == CorpusKind.BUNDLED ? "the bundled corpus" : String.valueOf(path.getFileName());
        }
    }

    private final ObjectProperty<CorpusKind> kind = new SimpleObjectProperty<>(this, "kind", CorpusKind.BUNDLED);
    private final StringProperty path = new SimpleStringProperty(this, "path", "");
    private final StringProperty split = new SimpleStringProperty(this, "split", "test");
    private final InputField<Integer> contextSize = new InputField<>(Param.CONTEXT_SIZE, "contextSize",
            "Tokens per context, BOS included: each document is cut into pieces of at most this many tokens.",
            String.valueOf(StoreSettings.DEFAULT_CONTEXT_SIZE),
            FieldParsers.whole("Context size", 2, 1024, "128"));
    private final InputField<Integer> maxTokens = new InputField<>(Param.MAX_TOKENS, "maxTokens",
            "Read whole contexts in order until this many tokens (BOS not counted); empty reads the whole corpus.", "",
            FieldParsers.optionalWhole("Token budget", 1, Integer.MAX_VALUE, "100000"));
    private final InputField<Integer> topK = new InputField<>(Param.TOP_K, "topK",
            "How many of its best contexts each feature keeps.", String.valueOf(StoreSettings.DEFAULT_TOP_K),
            FieldParsers.whole("Top contexts per feature", 1, StoreSettings.MAX_TOP_K, "20"));
    private final StringBinding problem;

    DashboardForm() {
        problem = Bindings.createStringBinding(this::firstProblem, kind, path, contextSize.errorProperty(),
                maxTokens.errorProperty(), topK.errorProperty());
    }

    ObjectProperty<CorpusKind> kindProperty() {
        return kind;
    }

    /** The file or folder, for a corpus that is not the bundled one. */
    StringProperty pathProperty() {
        return path;
    }

    /** The WiC split. */
    StringProperty splitProperty() {
        return split;
    }

    InputField<Integer> contextSize() {
        return contextSize;
    }

    InputField<Integer> maxTokens() {
        return maxTokens;
    }

    InputField<Integer> topK() {
        return topK;
    }

    /** What stops a build, or empty. */
    StringBinding problem() {
        return problem;
    }

    /** The build asked for; an {@link InvalidInputException} saying what is wrong when {@link #problem()} is not empty. */
    Request request() {
        String why = firstProblem();
        if (!why.isEmpty()) {
            throw new InvalidInputException(why);
        }
        Integer budget = maxTokens.value();
        StoreSettings settings = new StoreSettings(contextSize.value(), budget == null ? null : budget.longValue(),
                topK.value(), 0);
        CorpusKind k = kind.get();
        return new Request(k, k == CorpusKind.BUNDLED ? null : Path.of(path.get().trim()), split.get(), settings);
    }

    private String firstProblem() {
        if (kind.get() != CorpusKind.BUNDLED && path.get().isBlank()) {
            return kind.get() == CorpusKind.WIC ? "Choose the WiC folder (it holds train/, dev/ and test/)."
                    : "Choose the corpus file: plain text (one document per line) or JSONL (a \"text\" field per line).";
        }
        for (InputField<?> f : List.of(contextSize, maxTokens, topK)) {
            if (!f.errorProperty().get().isEmpty()) {
                return f.errorProperty().get();
            }
        }
        return "";
    }
}
