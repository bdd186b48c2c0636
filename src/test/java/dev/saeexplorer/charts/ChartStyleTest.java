package dev.saeexplorer.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.HashSet;
import java.util.Set;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.junit.jupiter.api.Test;

class ChartStyleTest {
    @Test
    void theSaeIsBlueTheWsaeOrangeAndEveryRoleHasItsOwnColour() {
        Color sae = ChartStyle.Role.SAE.colour();
        Color wsae = ChartStyle.Role.WSAE.colour();
        assertTrue(sae.getBlue() > sae.getRed() && sae.getBlue() > sae.getGreen(), "SAE " + sae + " is blue");
        assertTrue(wsae.getRed() > wsae.getGreen() && wsae.getGreen() > wsae.getBlue(), "WSAE " + wsae + " is orange");
        Set<Color> colours = new HashSet<>();
        for (ChartStyle.Role role : ChartStyle.Role.values()) {
            assertTrue(colours.add(role.colour()), role + " shares its colour");
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(colours.add(ChartStyle.other(i)), "further model " + i + " shares its colour");
        }
        assertEquals(ChartStyle.other(0), ChartStyle.other(3));
    }

    @Test
    void theoryIsNeutralAndDashedTheModelsSolid() {
        Color theory = ChartStyle.Role.THEORY.colour();
        assertEquals(theory.getRed(), theory.getGreen());
        assertEquals(theory.getGreen(), theory.getBlue());
        assertTrue(theory.getRed() < 0x60, "dark grey");
        assertNotNull(((BasicStroke) ChartStyle.Role.THEORY.stroke()).getDashArray());
        for (ChartStyle.Role model : new ChartStyle.Role[] {ChartStyle.Role.SAE, ChartStyle.Role.WSAE}) {
            assertEquals(ChartStyle.SOLID, model.stroke());
        }
    }

    @Test
    void seriesGivesTheRolesColourAndLine() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        ChartStyle.series(r, 2, ChartStyle.Role.THEORY);
        assertEquals(ChartStyle.Role.THEORY.colour(), r.getSeriesPaint(2));
        assertEquals(ChartStyle.THEORY_LINE, r.getSeriesStroke(2));
        Color translucent = ChartStyle.Role.SAE.translucent(170);
        assertEquals(170, translucent.getAlpha());
        assertEquals(ChartStyle.Role.SAE.colour().getRGB() & 0xffffff, translucent.getRGB() & 0xffffff);
    }

    @Test
    void divergingScaleIsWhiteAtZeroSaturatedAtTheBoundsAndGreyWithoutAValue() {
        PaintScale scale = ChartStyle.diverging(2);
        assertEquals(-2, scale.getLowerBound());
        assertEquals(2, scale.getUpperBound());
        assertEquals(Color.WHITE, scale.getPaint(0));
        assertEquals(new Color(0x2166ac), scale.getPaint(-2));
        assertEquals(new Color(0xb2182b), scale.getPaint(2));
        assertEquals(scale.getPaint(2), scale.getPaint(5), "beyond the bound takes the end colour");
        // Half way to blue: each channel half way from 255 to the end colour's, rounded.
        assertEquals(new Color(Math.round((255 + 0x21) / 2f), Math.round((255 + 0x66) / 2f),
                Math.round((255 + 0xac) / 2f)), scale.getPaint(-1));
        Color none = assertInstanceOf(Color.class, scale.getPaint(Double.NaN));
        assertTrue(Math.abs(none.getRed() - none.getGreen()) < 8 && Math.abs(none.getGreen() - none.getBlue()) < 8,
                "a neutral grey: " + none);
    }
}
