package dev.saeexplorer.core.lm;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.Gemm;
import dev.saeexplorer.core.compute.HostMath;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.IntFunction;

/**
 * Logit lens (design/MATH.md): for a residual-stream direction d, logits = d · W_U with
 * W_U = diag(ln_f.weight) · wteᵀ, centred across the vocabulary, i.e. each logit minus the mean over the vocabulary.
 * Thread-safe; the embedding is shared with the model, not copied.
 */
public final class LogitLens {
    /** One token of a top-k or bottom-k list. */
    public record TokenLogit(int tokenId, String text, float logit) {
    }

    /** The k highest and k lowest tokens, each list ordered from the extreme inwards. */
    public record Result(List<TokenLogit> top, List<TokenLogit> bottom) {
    }

    private static final int BATCH = 64;

    private final float[] lnFinalWeight;
    private final float[][] wte;
    private final IntFunction<String> tokenText;

    /**
     * @param lnFinalWeight ln_f.weight [d_model]
     * @param wte           token embedding [vocab][d_model]
     * @param tokenText     text of a token id (for the result lists)
     */
    public LogitLens(float[] lnFinalWeight, float[][] wte, IntFunction<String> tokenText) {
        Objects.requireNonNull(lnFinalWeight, "lnFinalWeight");
        Objects.requireNonNull(wte, "wte");
        Objects.requireNonNull(tokenText, "tokenText");
        if (wte.length == 0) {
            throw new InvalidInputException("logit lens needs a non-empty vocabulary");
        }
        for (float[] row : wte) {
            if (row.length != lnFinalWeight.length) {
                throw new InvalidInputException("logit lens: embedding rows have " + row.length
                        + " values but ln_f.weight has " + lnFinalWeight.length);
            }
        }
        this.lnFinalWeight = lnFinalWeight.clone();
        this.wte = wte;
        this.tokenText = tokenText;
    }

    /** The lens of {@code model}, naming tokens with {@code tokenizer} (ids beyond it are shown as "#id"). */
    public static LogitLens of(Gpt2Model model, Gpt2Tokenizer tokenizer) {
        return new LogitLens(model.lnFinalWeight(), model.wte(),
                id -> id < tokenizer.vocabSize() ? tokenizer.tokenString(id) : "#" + id);
    }

    public int dModel() {
        return lnFinalWeight.length;
    }

    public int vocabSize() {
        return wte.length;
    }

    /** Centred logits [vocab] of {@code direction}. */
    public float[] logits(float[] direction) {
        float[] dg = scaled(direction);
        float[] logits = new float[wte.length];
        for (int v = 0; v < wte.length; v++) {
            logits[v] = HostMath.dot(dg, wte[v]);
        }
        return centred(logits);
    }

    /**
     * Centred logits [directions][vocab] of several directions with one pass over W_U (a GEMM with the vocabulary's
     * rows as the batch): for PS-Eval's hundreds of max features this reads the 154 MB of GPT-2's embedding once per
     * batch instead of once per feature.
     */
    public float[][] logits(List<float[]> directions) {
        float[][] dgT = new float[lnFinalWeight.length][directions.size()];
        for (int f = 0; f < directions.size(); f++) {
            float[] dg = scaled(directions.get(f));
            for (int j = 0; j < dg.length; j++) {
                dgT[j][f] = dg[j];
            }
        }
        float[][] byToken = new float[wte.length][directions.size()];
        Gemm.accumulate(wte, Gemm.pack(dgT), byToken);
        float[][] out = new float[directions.size()][wte.length];
        for (int v = 0; v < wte.length; v++) {
            for (int f = 0; f < out.length; f++) {
                out[f][v] = byToken[v][f];
            }
        }
        for (float[] row : out) {
            centred(row);
        }
        return out;
    }

    /** direction ⊙ ln_f.weight (the final LayerNorm's scale folded into W_U). */
    private float[] scaled(float[] direction) {
        Objects.requireNonNull(direction, "direction");
        if (direction.length != lnFinalWeight.length) {
            throw new InvalidInputException("logit lens: direction has " + direction.length
                    + " values but the model's d_model is " + lnFinalWeight.length);
        }
        float[] dg = new float[direction.length];
        for (int j = 0; j < dg.length; j++) {
            dg[j] = direction[j] * lnFinalWeight[j];
        }
        return dg;
    }

    /** Subtracts the mean in place (logits are only defined up to a constant). */
    private static float[] centred(float[] logits) {
        double sum = 0;
        for (float l : logits) {
            sum += l;
        }
        float mean = (float) (sum / logits.length);
        for (int v = 0; v < logits.length; v++) {
            logits[v] -= mean;
        }
        return logits;
    }

    /** Top-k and bottom-k tokens of {@code direction}'s centred logits (ties broken by the lower token id). */
    public Result topBottom(float[] direction, int k) {
        checkK(k);
        return rank(logits(direction), k);
    }

    /** {@link #topBottom(float[], int)} for several directions, sharing one pass over W_U per 64 directions. */
    public List<Result> topBottom(List<float[]> directions, int k) {
        checkK(k);
        List<Result> out = new ArrayList<>(directions.size());
        for (int start = 0; start < directions.size(); start += BATCH) {
            for (float[] l : logits(directions.subList(start, Math.min(directions.size(), start + BATCH)))) {
                out.add(rank(l, k));
            }
        }
        return out;
    }

    private static void checkK(int k) {
        if (k < 0) {
            throw new InvalidInputException("logit lens: k must be non-negative, got " + k);
        }
    }

    private Result rank(float[] logits, int k) {
        int kk = Math.min(k, logits.length);
        // "a ranks above b": by logit, then the lower id first among equal logits
        Comparator<Integer> high = (a, b) -> {
            int c = Float.compare(logits[a], logits[b]);
            return c != 0 ? c : Integer.compare(b, a);
        };
        Comparator<Integer> low = (a, b) -> {
            int c = Float.compare(logits[b], logits[a]);
            return c != 0 ? c : Integer.compare(b, a);
        };
        return new Result(select(logits, kk, high), select(logits, kk, low));
    }

    /** The kk ids ranked highest by {@code order}, highest first. */
    private List<TokenLogit> select(float[] logits, int kk, Comparator<Integer> order) {
        PriorityQueue<Integer> heap = new PriorityQueue<>(Math.max(1, kk + 1), order);
        if (kk > 0) {
            for (int v = 0; v < logits.length; v++) {
                if (heap.size() == kk && order.compare(v, heap.peek()) <= 0) {
                    continue; // not above the lowest of the k kept: skip the boxing and the heap
                }
                heap.add(v);
                if (heap.size() > kk) {
                    heap.poll();
                }
            }
        }
        List<Integer> ids = new ArrayList<>(heap);
        ids.sort(order.reversed());
        List<TokenLogit> out = new ArrayList<>(ids.size());
        for (int id : ids) {
            out.add(new TokenLogit(id, tokenText.apply(id), logits[id]));
        }
        return out;
    }
}
