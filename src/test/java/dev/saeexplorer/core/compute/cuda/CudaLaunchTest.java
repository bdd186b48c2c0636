package dev.saeexplorer.core.compute.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.sae.Activation;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CudaLaunchTest {

    @Test
    void elementwiseGridsCoverEveryElementOnce() {
        assertThat(CudaLaunch.blocks(1)).isEqualTo(1);
        assertThat(CudaLaunch.blocks(256)).isEqualTo(1);
        assertThat(CudaLaunch.blocks(257)).isEqualTo(2);
        assertThat(CudaLaunch.blocks(4096L * 24_576)).isEqualTo(393_216); // GPT-2 scale pre-activations
        assertThatThrownBy(() -> CudaLaunch.blocks(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CudaLaunch.blocks(256L * Integer.MAX_VALUE + 1))
                .hasMessageContaining("2³¹ − 1 blocks");
    }

    @Test
    void gemmGridTilesBothEdgesAndRefusesRowsBeyondGridY() {
        assertThat(CudaLaunch.gemmGrid(4096, 24_576)).containsExactly(1536, 256);
        assertThat(CudaLaunch.gemmGrid(1, 17)).containsExactly(2, 1);
        assertThat(CudaLaunch.gemmGrid(65_535 * 16, 1)).containsExactly(1, 65_535);
        assertThatThrownBy(() -> CudaLaunch.gemmGrid(65_535 * 16 + 1, 1)).hasMessageContaining("GEMM grid");
        assertThatThrownBy(() -> CudaLaunch.gemmGrid(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topkBlocksArePowersOfTwoFromAWarpToTheLimitAndKMustFit() {
        assertThat(CudaLaunch.topkBlock(1, 1)).isEqualTo(32);
        assertThat(CudaLaunch.topkBlock(200, 10)).isEqualTo(256);
        assertThat(CudaLaunch.topkBlock(1024, 1024)).isEqualTo(1024);
        assertThat(CudaLaunch.topkBlock(24_576, 32)).isEqualTo(1024);
        assertThat(CudaLaunch.sharedBytes(1024)).isEqualTo(4096);
        assertThatThrownBy(() -> CudaLaunch.topkBlock(200, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("between 1 and the number of latents (200)");
        assertThatThrownBy(() -> CudaLaunch.topkBlock(200, 201)).isInstanceOf(InvalidInputException.class);
        assertThat(CudaLaunch.rowBlock(20)).isEqualTo(32);
        assertThat(CudaLaunch.rowBlock(768)).isEqualTo(1024);
        assertThat(CudaLaunch.rowBlock(5000)).isEqualTo(1024);
    }

    @Test
    void trainingMemoryCountsParametersTimesFourAndTheBatchBuffers() {
        // The paper's toy step: n 200, d 20, m 200, batch 1024, untied.
        long weights = 2L * 20 * 200 + 200 + 20;
        long batch = 1024L * 200 + 5L * 1024 * 20 + 4L * 1024 * 200 + CudaLaunch.blocks(1024L * 20);
        assertThat(CudaLaunch.trainingBytes(200, 20, 200, 1024, false)).isEqualTo(4 * (4 * weights + batch) + 200);
        // GPT-2 scale fits an 80 GB card with room to spare (about 2.3 GB).
        assertThat(CudaLaunch.trainingBytes(768, 768, 24_576, 4096, false)).isBetween(2_000_000_000L, 2_600_000_000L);
        assertThatThrownBy(() -> CudaLaunch.trainingBytes(1, 0, 1, 1, true)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * sae_topk's radix select, transcribed to Java bit for bit (same keys, same 32 passes), against the CPU's TopK
     * activation on random rows with ties and negatives: the kernel's algorithm keeps exactly what the CPU keeps.
     */
    @Test
    void theTopkKernelsRadixSelectKeepsWhatTheCpuKeeps() {
        Random random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int m = 1 + random.nextInt(64);
            int k = 1 + random.nextInt(m);
            float[] pre = new float[m];
            for (int j = 0; j < m; j++) {
                // Coarse values so ties are common; about a third negative; some exact zeros.
                pre[j] = (random.nextInt(9) - 3) * 0.5f;
            }
            float[] cpu = new float[m];
            new Activation.TopK(k).activate(pre, cpu, new int[m], new float[m]);
            assertThat(radixTopk(pre, k)).as("m %d k %d", m, k).containsExactly(cpu);
        }
    }

    private static float[] radixTopk(float[] row, int k) {
        int prefix = 0;
        for (int bit = 31; bit >= 0; bit--) {
            int candidate = prefix | (1 << bit);
            int count = 0;
            for (float v : row) {
                count += Integer.compareUnsigned(key(v), candidate) >= 0 ? 1 : 0;
            }
            if (count >= k) {
                prefix = candidate;
            }
        }
        float[] out = new float[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = Integer.compareUnsigned(key(row[j]), prefix) >= 0 && row[j] > 0f ? row[j] : 0f;
        }
        return out;
    }

    private static int key(float v) {
        int b = Float.floatToRawIntBits(v);
        return b < 0 ? ~b : b | 0x80000000;
    }
}
