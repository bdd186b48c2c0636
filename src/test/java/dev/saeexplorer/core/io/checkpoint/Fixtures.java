package dev.saeexplorer.core.io.checkpoint;

import dev.saeexplorer.core.io.SafetensorsDtype;
import dev.saeexplorer.core.io.SafetensorsWriter;
import dev.saeexplorer.core.io.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Small hand-computable checkpoints. d_in = 2, d_sae = 3:
 * W_enc = [[1, 0, 1], [0, 1, 1]] ([d_in, d_sae]), b_enc = [0, −0.5, 0.25], W_dec = [[1, 0], [0, 1], [0.5, −0.5]],
 * b_dec = [0.5, −1]. For x = [2, 1]: with b_dec applied, pre = [1.5, 1.5, 3.75]; without, pre = [2, 0.5, 3.25].
 */
final class Fixtures {
    static final float[][] W_ENC = {{1, 0, 1}, {0, 1, 1}};
    static final float[] B_ENC = {0f, -0.5f, 0.25f};
    static final float[][] W_DEC = {{1, 0}, {0, 1}, {0.5f, -0.5f}};
    static final float[] B_DEC = {0.5f, -1f};
    static final float[] X = {2f, 1f};
    static final float[] PRE_WITH_B_DEC = {1.5f, 1.5f, 3.75f};
    static final float[] PRE_WITHOUT_B_DEC = {2f, 0.5f, 3.25f};

    private Fixtures() {
    }

    static float[] flat(float[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
        }
        return out;
    }

    static float[][] transpose(float[][] m) {
        float[][] t = new float[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    static Tensor matrix(String name, float[][] m) {
        return Tensor.ofFloats(name, new int[] {m.length, m[0].length}, flat(m));
    }

    static Tensor vector(String name, float... v) {
        return Tensor.ofFloats(name, new int[] {v.length}, v);
    }

    /** The standard SAELens tensors in their documented orientation. */
    static List<Tensor> saeLensTensors() {
        return List.of(matrix("W_enc", W_ENC), vector("b_enc", B_ENC), matrix("W_dec", W_DEC), vector("b_dec", B_DEC));
    }

    /** The same SAE as sparsify stores it: encoder.weight [num_latents, d_in]. */
    static List<Tensor> sparsifyTensors() {
        return List.of(matrix("encoder.weight", transpose(W_ENC)), vector("encoder.bias", B_ENC), matrix("W_dec", W_DEC),
                vector("b_dec", B_DEC));
    }

    static Path checkpoint(Path dir, String cfg, String weightsName, List<Tensor> tensors) {
        try {
            Files.createDirectories(dir);
            if (cfg != null) {
                Files.writeString(dir.resolve("cfg.json"), cfg);
            }
            if (weightsName != null) {
                SafetensorsWriter.write(dir.resolve(weightsName), tensors, Map.of("format", "pt"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** BF16 bits of a float that bf16 holds exactly (its top 16 bits). */
    static Tensor bf16(String name, int[] shape, float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            int bits = Float.floatToIntBits(f);
            if ((bits & 0xFFFF) != 0) {
                throw new IllegalArgumentException(f + " is not exact in bf16");
            }
            b.putShort((short) (bits >>> 16));
        }
        return Tensor.ofLittleEndianBytes(name, SafetensorsDtype.BF16, shape, b.array());
    }

    /** F16 bits of a float that half precision holds exactly (zero or a normal number with a short mantissa). */
    static Tensor f16(String name, int[] shape, float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            int bits = Float.floatToIntBits(f);
            int sign = (bits >>> 16) & 0x8000;
            int exp = ((bits >>> 23) & 0xFF) - 127 + 15;
            int mant = bits & 0x7FFFFF;
            short h;
            if (f == 0f) {
                h = (short) sign;
            } else if (exp <= 0 || exp >= 31 || (mant & 0x1FFF) != 0) {
                throw new IllegalArgumentException(f + " is not exact in f16");
            } else {
                h = (short) (sign | (exp << 10) | (mant >>> 13));
            }
            b.putShort(h);
        }
        return Tensor.ofLittleEndianBytes(name, SafetensorsDtype.F16, shape, b.array());
    }
}
