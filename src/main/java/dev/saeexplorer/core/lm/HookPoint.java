package dev.saeexplorer.core.lm;

import dev.saeexplorer.core.InvalidInputException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TransformerLens residual-stream hook point, {@code blocks.L.hook_*}.
 *
 * @param layer block index, 0-based
 * @param kind  which activation of the block
 */
public record HookPoint(int layer, Kind kind) {
    private static final Pattern NAME = Pattern.compile("blocks\\.(\\d{1,9})\\.(hook_[a-z_]+)");

    /** The hook activations, in the order a block computes them. */
    public enum Kind {
        RESID_PRE("hook_resid_pre"),
        ATTN_OUT("hook_attn_out"),
        RESID_MID("hook_resid_mid"),
        MLP_OUT("hook_mlp_out"),
        RESID_POST("hook_resid_post");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    public HookPoint {
        if (layer < 0) {
            throw new InvalidInputException("hook layer must be non-negative, got " + layer);
        }
        if (kind == null) {
            throw new InvalidInputException("hook kind is missing");
        }
    }

    /** TransformerLens name, e.g. {@code blocks.4.hook_resid_pre}. */
    public String name() {
        return "blocks." + layer + "." + kind.suffix;
    }

    @Override
    public String toString() {
        return name();
    }

    /** Parses a TransformerLens hook name; anything else is an {@link InvalidInputException} listing the names. */
    public static HookPoint parse(String name) {
        if (name != null) {
            Matcher m = NAME.matcher(name.trim());
            if (m.matches()) {
                for (Kind k : Kind.values()) {
                    if (k.suffix.equals(m.group(2))) {
                        return new HookPoint(Integer.parseInt(m.group(1)), k);
                    }
                }
            }
        }
        throw new InvalidInputException("unknown hook point '" + name + "'; supported: " + supported("L"));
    }

    /** Parses and checks the layer against a model with {@code nLayer} blocks. */
    public static HookPoint parse(String name, int nLayer) {
        HookPoint h = parse(name);
        h.checkAgainst(nLayer);
        return h;
    }

    /** Throws when this hook's layer does not exist in a model with {@code nLayer} blocks. */
    public void checkAgainst(int nLayer) {
        if (layer >= nLayer) {
            throw new InvalidInputException("hook point '" + name() + "' is beyond the model: it has " + nLayer
                    + " block" + (nLayer == 1 ? "" : "s") + ", so L must be 0.." + (nLayer - 1) + " in "
                    + supported("L"));
        }
    }

    static String supported(String layer) {
        StringBuilder sb = new StringBuilder();
        for (Kind k : Kind.values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append("blocks.").append(layer).append('.').append(k.suffix.toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
