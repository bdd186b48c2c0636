package dev.saeexplorer.ui;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.ui.common.ExportableChart;
import dev.saeexplorer.ui.common.ExportableTable;
import dev.saeexplorer.ui.jobs.Job;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.Workspace;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The application shell: menu bar (session, export, view, help), a navigation rail of workspaces, the workspace in
 * view, and the status bar. It owns no computation: workspaces do their own, through the shared executor.
 */
public final class MainWindow extends BorderPane {
    /** Workspaces of later releases: shown in the rail, not yet selectable. */
    private static final List<String[]> COMING = List.<String[]>of();

    private final List<Workspace> workspaces;
    private final StackPane content = new StackPane();
    private final ToggleGroup rail = new ToggleGroup();
    private final List<ToggleButton> railButtons = new ArrayList<>();
    private final SessionController sessions;
    private final WorkspaceContext.ErrorReporter errors;
    private final AppPreferences prefs;
    private final Consumer<String> titleSink;
    private Workspace active;
    private Path sessionPath;

    public MainWindow(List<Workspace> workspaces, ObservableList<Job> jobs, String backend, AppPreferences prefs,
                      WorkspaceContext.ErrorReporter errors, Consumer<String> titleSink, String version) {
        this.workspaces = List.copyOf(workspaces);
        this.sessions = new SessionController(workspaces);
        this.errors = errors;
        this.prefs = prefs;
        this.titleSink = titleSink;
        getStylesheets().add(MainWindow.class.getResource("app.css").toExternalForm());
        setTop(menuBar(version, backend));
        setLeft(rail());
        setCenter(content);
        setBottom(new StatusBarView(backend, jobs));
        for (Workspace w : workspaces) {
            Node view = w.view();
            view.setVisible(false);
            content.getChildren().add(view);
        }
        show(workspaces.get(0));
    }

    public Workspace activeWorkspace() {
        return active;
    }

    public List<Workspace> workspaces() {
        return workspaces;
    }

    public void show(Workspace w) {
        for (int i = 0; i < workspaces.size(); i++) {
            boolean selected = workspaces.get(i) == w;
            workspaces.get(i).view().setVisible(selected);
            railButtons.get(i).setSelected(selected);
        }
        active = w;
        updateTitle();
    }

    private Node rail() {
        VBox box = new VBox(4);
        box.setPadding(new Insets(8, 4, 8, 4));
        box.getStyleClass().add("navigation-rail");
        for (int i = 0; i < workspaces.size(); i++) {
            Workspace w = workspaces.get(i);
            ToggleButton b = railButton(w.title(), w.iconLiteral());
            b.setTooltip(new Tooltip(w.title() + " (Ctrl+" + (i + 1) + ")"));
            b.setOnAction(e -> show(w));
            b.setId("rail-" + w.title().replaceAll("\\W+", "-"));
            railButtons.add(b);
            box.getChildren().add(b);
        }
        Region gap = new Region();
        gap.setMinHeight(16);
        box.getChildren().add(gap);
        for (String[] coming : COMING) {
            ToggleButton b = railButton(coming[0], coming[1]);
            b.setDisable(true);
            box.getChildren().add(b);
        }
        return box;
    }

    private ToggleButton railButton(String title, String icon) {
        ToggleButton b = new ToggleButton(title, new FontIcon(icon));
        b.setToggleGroup(rail);
        b.setContentDisplay(ContentDisplay.TOP);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setPrefWidth(136);
        b.setMinWidth(136);
        b.setWrapText(false);
        VBox.setVgrow(b, Priority.NEVER);
        // Clicking the selected button must not leave the rail with nothing selected.
        b.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            if (b.isSelected()) {
                e.consume();
            }
        });
        return b;
    }

    private MenuBar menuBar(String version, String backend) {
        MenuItem open = item("Open session…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::openSession);
        MenuItem save = item("Save session", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::saveSession);
        MenuItem saveAs = item("Save session as…", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), this::saveSessionAs);
        Menu exportChart = new Menu("Export chart");
        Menu exportTable = new Menu("Export table");
        MenuItem exportFirst = item("Export first chart as PNG…", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
                () -> active.charts().stream().findFirst().ifPresent(c -> exporter().exportChart(c, ExportActions.ImageFormat.PNG)));
        MenuItem quit = item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                () -> getScene().getWindow().fireEvent(new javafx.stage.WindowEvent(getScene().getWindow(),
                        javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        Menu file = new Menu("File", null, open, save, saveAs, new SeparatorMenuItem(), exportFirst, exportChart, exportTable,
                new SeparatorMenuItem(), quit);
        file.setOnShowing(e -> fillExportMenus(exportChart, exportTable));

        Menu view = new Menu("View");
        for (int i = 0; i < workspaces.size(); i++) {
            Workspace w = workspaces.get(i);
            view.getItems().add(item(w.title(), new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(i + 1)),
                    KeyCombination.SHORTCUT_DOWN), () -> show(w)));
        }
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setSelected(prefs.darkTheme());
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN));
        dark.setOnAction(e -> {
            Theme.apply(dark.isSelected());
            prefs.setDarkTheme(dark.isSelected());
        });
        view.getItems().addAll(new SeparatorMenuItem(), dark);

        Menu help = new Menu("Help", null, item("About SAE Explorer", new KeyCodeCombination(KeyCode.F1),
                () -> AboutDialog.show(window(), version, backend)));
        MenuBar bar = new MenuBar(file, view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private void fillExportMenus(Menu charts, Menu tables) {
        charts.getItems().clear();
        tables.getItems().clear();
        for (ExportableChart c : active.charts()) {
            charts.getItems().add(item(c.name() + " as PNG…", null, () -> exporter().exportChart(c, ExportActions.ImageFormat.PNG)));
            charts.getItems().add(item(c.name() + " as SVG…", null, () -> exporter().exportChart(c, ExportActions.ImageFormat.SVG)));
        }
        for (ExportableTable t : active.tables()) {
            tables.getItems().add(item(t.name() + " as CSV…", null, () -> exporter().exportTable(t)));
        }
        charts.setDisable(charts.getItems().isEmpty());
        tables.setDisable(tables.getItems().isEmpty());
    }

    public ExportActions exporter() {
        return new ExportActions(window(), errors);
    }

    private static MenuItem item(String text, KeyCombination accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(accelerator);
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    // ---- sessions ----

    private void openSession() {
        FileChooser chooser = sessionChooser();
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            openSession(file.toPath());
        }
    }

    /** Opens a session file; on any problem shows it and keeps everything as it was. */
    public boolean openSession(Path path) {
        try {
            String activeTitle = sessions.open(path);
            sessionPath = path;
            prefs.setLastSession(path.toString());
            workspaces.stream().filter(w -> w.title().equals(activeTitle)).findFirst().ifPresent(this::show);
            updateTitle();
            return true;
        } catch (InvalidInputException e) {
            errors.report("Cannot open the session", e.getMessage() + "\n\nNothing that was open has changed.");
            return false;
        }
    }

    private void saveSession() {
        if (sessionPath == null) {
            saveSessionAs();
        } else {
            saveSession(sessionPath);
        }
    }

    private void saveSessionAs() {
        FileChooser chooser = sessionChooser();
        chooser.setInitialFileName("session.saeexplorer.json");
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            saveSession(file.toPath());
        }
    }

    public boolean saveSession(Path path) {
        try {
            sessions.save(path, active.title());
            sessionPath = path;
            prefs.setLastSession(path.toString());
            updateTitle();
            return true;
        } catch (InvalidInputException e) {
            errors.report("Cannot save the session", e.getMessage());
            return false;
        }
    }

    private FileChooser sessionChooser() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("SAE Explorer session", "*.json"));
        if (sessionPath != null && sessionPath.toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(sessionPath.toAbsolutePath().getParent().toFile());
        }
        return chooser;
    }

    private void updateTitle() {
        titleSink.accept("SAE Explorer — " + active.title()
                + (sessionPath == null ? "" : " — " + sessionPath.getFileName()));
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }
}
