package dev.saeexplorer.core.features;

/**
 * One bounded binary heap per feature of (context, the feature's max in it) entries, all in flat arrays (feature f's
 * entries at {@code f·capacity …}), because a store keeps a few dozen entries for each of tens of thousands of
 * features and objects would cost more than the data. A subclass says which of two entries belongs nearer the root
 * and may keep more fields per entry.
 */
abstract class FeatureHeaps {
    final int capacity;
    private final int[] size;
    final float[] max;
    final int[] context;

    FeatureHeaps(int features, int capacity) {
        this.capacity = capacity;
        this.size = new int[features];
        this.max = new float[Math.multiplyExact(features, capacity)];
        this.context = new int[features * capacity];
    }

    /** Whether entry {@code a} belongs nearer the root than entry {@code b} (absolute indices). */
    abstract boolean rootward(int a, int b);

    /** Swaps two entries; a subclass with more fields swaps those too. */
    void swap(int a, int b) {
        float m = max[a];
        max[a] = max[b];
        max[b] = m;
        int c = context[a];
        context[a] = context[b];
        context[b] = c;
    }

    final void set(int i, float m, int ctx) {
        max[i] = m;
        context[i] = ctx;
    }

    final ContextMax entry(int i) {
        return new ContextMax(context[i], max[i]);
    }

    final int size(int feature) {
        return size[feature];
    }

    final int base(int feature) {
        return feature * capacity;
    }

    /** Whether the feature's heap is full; if not, the caller {@link #set}s the new entry at base + size, then {@link #added}. */
    final boolean full(int feature) {
        return size[feature] == capacity;
    }

    /** Takes in the entry written just past the feature's last one. */
    final void added(int feature) {
        int base = base(feature);
        int i = size[feature]++;
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!rootward(base + i, base + parent)) {
                return;
            }
            swap(base + i, base + parent);
            i = parent;
        }
    }

    /** Restores the order after the caller overwrote the feature's root entry. */
    final void replacedRoot(int feature) {
        int base = base(feature);
        int n = size[feature];
        int i = 0;
        while (true) {
            int top = i;
            for (int child = 2 * i + 1; child <= 2 * i + 2 && child < n; child++) {
                if (rootward(base + child, base + top)) {
                    top = child;
                }
            }
            if (top == i) {
                return;
            }
            swap(base + i, base + top);
            i = top;
        }
    }
}
