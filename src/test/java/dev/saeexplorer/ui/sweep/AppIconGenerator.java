package dev.saeexplorer.ui.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the app icon (assets/icon): a "sparse dictionary" — five feature directions in superposition, arrows from one
 * origin at the angles of a regular pentagon, of which two are lit (the active features), over a faint grid of latent
 * dots. Writes PNGs (16–1024 px), a Windows .ico (PNG entries 16, 24, 32, 48, 64, 128, 256) and a macOS .icns (PNG
 * entries ic07–ic10 and the small icp4–icp6). Run: {@code java -cp target/test-classes
 * dev.saeexplorer.ui.sweep.AppIconGenerator assets/icon}.
 */
public final class AppIconGenerator {
    private static final Color BACKGROUND_TOP = new Color(0x23, 0x3e, 0x8b);
    private static final Color BACKGROUND_BOTTOM = new Color(0x12, 0x1f, 0x4d);
    private static final Color ARROW = new Color(0xe8, 0xee, 0xff);
    private static final Color LIT = new Color(0xff, 0xb3, 0x2e);
    private static final Color DOT = new Color(255, 255, 255, 46);

    private AppIconGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "assets/icon");
        Files.createDirectories(dir);
        for (int size : new int[] {16, 32, 48, 64, 128, 256, 512, 1024}) {
            ImageIO.write(draw(size), "png", dir.resolve("sae-explorer-" + size + ".png").toFile());
        }
        Files.write(dir.resolve("sae-explorer.ico"), ico(new int[] {16, 24, 32, 48, 64, 128, 256}));
        Files.write(dir.resolve("sae-explorer.icns"), icns());
    }

    /** The icon at {@code size} × {@code size} pixels, drawn on a 1 × 1 canvas scaled up. */
    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size, size);
        boolean small = size < 48;

        // Rounded square with a vertical gradient (macOS-style margin of ~6 %).
        double m = small ? 0.02 : 0.06;
        RoundRectangle2D tile = new RoundRectangle2D.Double(m, m, 1 - 2 * m, 1 - 2 * m, 0.36, 0.36);
        g.setPaint(new GradientPaint(0, (float) m, BACKGROUND_TOP, 0, (float) (1 - m), BACKGROUND_BOTTOM));
        g.fill(tile);
        g.setClip(tile);

        double cx = 0.5;
        double cy = 0.53;
        // A faint 5 × 5 grid of latent dots (left out when too small to read).
        if (!small) {
            g.setColor(DOT);
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    double x = 0.2 + i * 0.15;
                    double y = 0.2 + j * 0.15;
                    double r = 0.018;
                    g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
                }
            }
        }

        // Soft glow behind the origin.
        g.setPaint(new RadialGradientPaint((float) cx, (float) cy, 0.42f, new float[] {0f, 1f},
                new Color[] {new Color(0x5b, 0x8d, 0xff, 90), new Color(0x5b, 0x8d, 0xff, 0)}));
        g.fill(new Ellipse2D.Double(cx - 0.42, cy - 0.42, 0.84, 0.84));

        // Five feature directions at pentagon angles; two of them lit.
        double length = 0.33;
        float width = small ? 0.075f : 0.045f;
        for (int k = 0; k < 5; k++) {
            double angle = -Math.PI / 2 + k * 2 * Math.PI / 5;
            boolean lit = k == 0 || k == 2;
            double scale = lit ? 1.0 : 0.82;
            arrow(g, cx, cy, cx + Math.cos(angle) * length * scale, cy + Math.sin(angle) * length * scale,
                    lit ? LIT : ARROW, width, small);
        }
        // The origin.
        double r = small ? 0.06 : 0.04;
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        g.dispose();
        return img;
    }

    private static void arrow(Graphics2D g, double x0, double y0, double x1, double y1, Color color, float width,
                              boolean small) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len = Math.hypot(dx, dy);
        double ux = dx / len;
        double uy = dy / len;
        double head = small ? 0.13 : 0.1;
        double half = small ? 0.09 : 0.065;
        g.setColor(color);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x0, y0, x1 - ux * head * 0.8, y1 - uy * head * 0.8));
        Path2D tip = new Path2D.Double();
        tip.moveTo(x1, y1);
        tip.lineTo(x1 - ux * head - uy * half, y1 - uy * head + ux * half);
        tip.lineTo(x1 - ux * head + uy * half, y1 - uy * head - ux * half);
        tip.closePath();
        g.fill(tip);
    }

    static byte[] png(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", out);
        return out.toByteArray();
    }

    /** A Windows icon with PNG-compressed entries (Windows Vista and later). */
    static byte[] ico(int[] sizes) throws IOException {
        byte[][] images = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            images[i] = png(sizes[i]);
        }
        int offset = 6 + 16 * sizes.length;
        int total = offset;
        for (byte[] b : images) {
            total += b.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            int s = sizes[i] >= 256 ? 0 : sizes[i];
            buf.put((byte) s).put((byte) s).put((byte) 0).put((byte) 0);
            buf.putShort((short) 1).putShort((short) 32);
            buf.putInt(images[i].length).putInt(offset);
            offset += images[i].length;
        }
        for (byte[] b : images) {
            buf.put(b);
        }
        return buf.array();
    }

    /** A macOS icon family with PNG entries. */
    static byte[] icns() throws IOException {
        String[] types = {"icp4", "icp5", "icp6", "ic07", "ic08", "ic09", "ic10"};
        int[] sizes = {16, 32, 64, 128, 256, 512, 1024};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        for (int i = 0; i < types.length; i++) {
            byte[] p = png(sizes[i]);
            d.writeBytes(types[i]);
            d.writeInt(p.length + 8);
            d.write(p);
        }
        d.flush();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(out);
        o.writeBytes("icns");
        o.writeInt(body.size() + 8);
        body.writeTo(o);
        o.flush();
        return out.toByteArray();
    }
}
