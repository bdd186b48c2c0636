package dev.saeexplorer.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The exp form of tanh used by gelu_new against Math.tanh, from tiny to overflowing arguments. */
class GeluTest {
    @Test
    void tanhMatchesMathTanhToFloatPrecision() {
        for (double u = -30; u <= 30; u += 0.0137) {
            assertEquals(Math.tanh(u), Gpt2Model.tanh((float) u), 2e-7 + 1e-6 * Math.abs(Math.tanh(u)), "u = " + u);
        }
        for (float u : new float[] {1e-8f, -1e-8f, 1e-4f, 0f, 500f, -500f, Float.MAX_VALUE, -Float.MAX_VALUE}) {
            assertEquals((float) Math.tanh(u), Gpt2Model.tanh(u), Math.ulp((float) Math.tanh(u)) * 2, "u = " + u);
        }
    }

    @Test
    void geluNewAtKnownPoints() {
        assertEquals(0f, Gpt2Model.geluNew(0f));
        assertEquals(0.841192f, Gpt2Model.geluNew(1f), 1e-6f); // 0.5·(1 + tanh(√(2/π)·1.044715))
        assertEquals(-0.158808f, Gpt2Model.geluNew(-1f), 1e-6f);
        assertEquals(10f, Gpt2Model.geluNew(10f), 1e-6f);
        assertEquals(0f, Gpt2Model.geluNew(-10f), 1e-6f);
    }
}
