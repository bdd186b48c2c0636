package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.core.superposition.FeatureStatus;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The columns of a 2-row W_p as arrows from the origin, coloured by their feature's status; drag an arrow by its head
 * to move the column. One canvas redrawn per change: a handful of arrows costs far less than a frame.
 */
final class ArrowPlane extends Region {
    /** How close (pixels) a press must be to an arrow head to grab it. */
    private static final double GRAB_RADIUS = 12;

    /** Told where a column moves, and when a drag starts and ends. */
    interface Listener {
        void dragStarted();

        void moved(int column, double x, double y);

        void dragEnded();
    }

    private final Canvas canvas = new Canvas();
    private final Listener listener;
    private double[][] wp = {{1}, {0}};
    private FeatureStatus[] status = new FeatureStatus[0];
    /** Plane units per half-width; frozen during a drag so the plane does not rescale under the pointer. */
    private double extent = 1.25;
    private int dragging = -1;

    ArrowPlane(Listener listener) {
        this.listener = listener;
        getChildren().add(canvas);
        getStyleClass().add("arrow-plane");
        setMinSize(220, 220);
        setPrefSize(360, 360);
        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragged);
        canvas.setOnMouseReleased(this::released);
        canvas.setOnMouseMoved(e -> canvas.setCursor(headAt(e.getX(), e.getY()) >= 0
                ? javafx.scene.Cursor.HAND : javafx.scene.Cursor.DEFAULT));
    }

    void show(double[][] matrix, FeatureStatus[] statuses) {
        wp = matrix;
        status = statuses;
        if (dragging < 0) {
            double max = 1;
            for (int j = 0; j < wp[0].length; j++) {
                max = Math.max(max, Math.hypot(wp[0][j], wp[1][j]));
            }
            extent = 1.25 * max;
        }
        draw();
    }

    /** Where column j's arrow head is on screen (for robots and tests). */
    Point2D headOnScreen(int j) {
        return canvas.localToScreen(toPixelX(wp[0][j]), toPixelY(wp[1][j]));
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private double scale() {
        return Math.min(canvas.getWidth(), canvas.getHeight()) / 2 / extent;
    }

    private double toPixelX(double x) {
        return canvas.getWidth() / 2 + x * scale();
    }

    private double toPixelY(double y) {
        return canvas.getHeight() / 2 - y * scale();
    }

    private int headAt(double px, double py) {
        int best = -1;
        double bestDistance = GRAB_RADIUS;
        for (int j = 0; j < wp[0].length; j++) {
            double d = Math.hypot(px - toPixelX(wp[0][j]), py - toPixelY(wp[1][j]));
            if (d <= bestDistance) {
                best = j;
                bestDistance = d;
            }
        }
        return best;
    }

    private void pressed(MouseEvent e) {
        dragging = headAt(e.getX(), e.getY());
        if (dragging >= 0) {
            listener.dragStarted();
        }
    }

    private void dragged(MouseEvent e) {
        if (dragging >= 0) {
            double s = scale();
            // Two decimals: values people can read and type back into the grid.
            double x = Math.round((e.getX() - canvas.getWidth() / 2) / s * 100) / 100.0;
            double y = Math.round((canvas.getHeight() / 2 - e.getY()) / s * 100) / 100.0;
            listener.moved(dragging, x, y);
        }
    }

    private void released(MouseEvent e) {
        if (dragging >= 0) {
            dragging = -1;
            listener.dragEnded();
        }
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (w <= 0 || h <= 0) {
            return;
        }
        double cx = w / 2;
        double cy = h / 2;
        double s = scale();
        g.setStroke(Color.rgb(0, 0, 0, 0.12));
        g.setLineWidth(1);
        for (int k = (int) -Math.floor(extent); k <= Math.floor(extent); k++) {
            g.strokeLine(toPixelX(k), 0, toPixelX(k), h);
            g.strokeLine(0, toPixelY(k), w, toPixelY(k));
        }
        g.setStroke(Color.rgb(0, 0, 0, 0.45));
        g.strokeLine(0, cy, w, cy);
        g.strokeLine(cx, 0, cx, h);
        g.setLineDashes(4, 4);
        g.strokeOval(cx - s, cy - s, 2 * s, 2 * s); // the unit circle: where unit-norm features live
        g.setLineDashes();
        g.setFill(Color.rgb(0, 0, 0, 0.55));
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText("dimension 0 →", w - 6, cy - 4);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("↑ dimension 1", cx + 6, 6);
        for (int j = 0; j < wp[0].length; j++) {
            Color c = j < status.length ? StatusPalette.fx(status[j]) : Color.GRAY;
            arrow(g, cx, cy, toPixelX(wp[0][j]), toPixelY(wp[1][j]), c, Integer.toString(j), j == dragging);
        }
    }

    private static void arrow(GraphicsContext g, double x0, double y0, double x1, double y1, Color c, String label,
                              boolean active) {
        g.setStroke(c);
        g.setFill(c);
        g.setLineWidth(active ? 3.5 : 2.5);
        g.strokeLine(x0, y0, x1, y1);
        double angle = Math.atan2(y1 - y0, x1 - x0);
        double len = 12;
        g.fillPolygon(new double[] {x1, x1 - len * Math.cos(angle - 0.4), x1 - len * Math.cos(angle + 0.4)},
                new double[] {y1, y1 - len * Math.sin(angle - 0.4), y1 - len * Math.sin(angle + 0.4)}, 3);
        g.setFill(Color.WHITE);
        g.fillOval(x1 - 5, y1 - 5, 10, 10);
        g.setStroke(c);
        g.setLineWidth(2);
        g.strokeOval(x1 - 5, y1 - 5, 10, 10); // the handle to grab
        g.setFill(Color.rgb(30, 30, 30));
        g.setFont(Font.font(null, javafx.scene.text.FontWeight.BOLD, 13));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(label, x1 + 14 * Math.cos(angle), y1 + 14 * Math.sin(angle));
    }
}
