package dev.saeexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Proves the headless Monocle set-up works: a button is clicked and reacts. */
@ExtendWith(ApplicationExtension.class)
class HeadlessFxSmokeTest {
    private Button button;
    private int clicks;

    @Start
    void start(Stage stage) {
        button = new Button("click me");
        button.setOnAction(e -> clicks++);
        stage.setScene(new Scene(new StackPane(button), 200, 100));
        stage.show();
    }

    @Test
    void aButtonReactsToARobotClick(FxRobot robot) {
        robot.clickOn(button);
        assertEquals(1, clicks);
    }
}
