package dev.saeexplorer.ui;

import dev.saeexplorer.ui.jobs.Job;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;

/**
 * The bottom bar: compute backend and device, memory in use, and the running jobs (the newest with a progress bar and
 * a cancel button; all of them in a menu, each cancellable).
 */
public final class StatusBarView extends StatusBar {
    private final ProgressBar jobProgress = new ProgressBar(0);
    private final Label jobLabel = new Label();
    private final Button cancel = new Button("Cancel");
    private final MenuButton jobsMenu = new MenuButton("No jobs");
    private final Label memory = new Label();
    private final ObservableList<Job> jobs;

    public StatusBarView(String backend, ObservableList<Job> jobs) {
        this.jobs = jobs;
        setText(backend);
        setTooltip(new Tooltip("Where the compute core runs"));
        jobProgress.setPrefWidth(160);
        cancel.getStyleClass().add("small");
        cancel.setId("cancelJob");
        jobProgress.setId("jobProgress");
        jobsMenu.setId("jobsMenu");
        HBox jobBox = new HBox(8, jobLabel, jobProgress, cancel, jobsMenu);
        jobBox.setAlignment(Pos.CENTER_RIGHT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getRightItems().addAll(jobBox, new Separator(javafx.geometry.Orientation.VERTICAL), memory);
        setPadding(new Insets(2, 8, 2, 8));
        jobs.addListener((ListChangeListener<Job>) c -> refreshJobs());
        refreshJobs();
        Timeline memoryTimer = new Timeline(new KeyFrame(Duration.seconds(2), e -> refreshMemory()));
        memoryTimer.setCycleCount(Timeline.INDEFINITE);
        memoryTimer.play();
        refreshMemory();
    }

    private void refreshJobs() {
        boolean any = !jobs.isEmpty();
        jobProgress.setVisible(any);
        cancel.setVisible(any);
        jobLabel.setVisible(any);
        jobProgress.progressProperty().unbind();
        jobLabel.textProperty().unbind();
        jobsMenu.getItems().clear();
        jobsMenu.setText(jobs.size() == 1 ? "1 job" : jobs.size() + " jobs");
        jobsMenu.setDisable(!any);
        if (!any) {
            jobsMenu.setText("No jobs");
            return;
        }
        Job newest = jobs.get(jobs.size() - 1);
        jobProgress.progressProperty().bind(newest.progressProperty());
        jobLabel.textProperty().bind(newest.messageProperty().map(m -> newest.title() + (m.isEmpty() ? "" : ": " + m)));
        cancel.setOnAction(e -> newest.cancel());
        for (Job j : jobs) {
            MenuItem item = new MenuItem("Cancel " + j.title());
            item.setOnAction(e -> j.cancel());
            jobsMenu.getItems().add(item);
        }
    }

    private void refreshMemory() {
        Runtime rt = Runtime.getRuntime();
        long used = (rt.totalMemory() - rt.freeMemory()) >> 20;
        long max = rt.maxMemory() >> 20;
        memory.setText(String.format("Memory %,d of %,d MB", used, max));
    }
}
