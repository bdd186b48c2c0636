package dev.saeexplorer.core.compute;

/** Adam (β₁ 0.9, β₂ 0.999, ε 1e-8, PyTorch's bias correction) for one float32 parameter held as rows. */
public final class HostAdam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final float EPS = 1e-8f;

    private final float[][] mean;
    private final float[][] var;
    private final double learningRate;
    private int t;

    public HostAdam(int rows, int cols, double learningRate) {
        this.mean = new float[rows][cols];
        this.var = new float[rows][cols];
        this.learningRate = learningRate;
    }

    /** One step: param −= lr · m̂ / (√v̂ + ε). */
    public void step(float[][] param, float[][] grad) {
        t++;
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float stepSize = (float) (learningRate / (1 - Math.pow(BETA1, t)));
        float sqrtC2 = (float) Math.sqrt(1 - Math.pow(BETA2, t));
        for (int r = 0; r < param.length; r++) {
            float[] p = param[r];
            float[] g = grad[r];
            float[] mr = mean[r];
            float[] vr = var[r];
            for (int i = 0; i < p.length; i++) {
                float gi = g[i];
                float mi = b1 * mr[i] + (1 - b1) * gi;
                float vi = b2 * vr[i] + (1 - b2) * gi * gi;
                mr[i] = mi;
                vr[i] = vi;
                p[i] -= stepSize * mi / ((float) Math.sqrt(vi) / sqrtC2 + EPS);
            }
        }
    }

    /** For a vector parameter. */
    public void step(float[] param, float[] grad) {
        step(new float[][] {param}, new float[][] {grad});
    }
}
