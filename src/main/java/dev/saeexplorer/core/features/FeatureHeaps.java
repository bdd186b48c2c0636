package dev.saeexplorer.core.features;

/**
 * One bounded binary heap per feature, all in flat arrays (feature f's entries at {@code f·capacity …}), because a
 * store keeps a few dozen entries for each of tens of thousands of features and objects would cost more than the data.
 * A subclass holds the entries' fields and says which of two entries belongs nearer the root.
 */
abstract class FeatureHeaps {
    final int capacity;
    private final int[] size;

    FeatureHeaps(int features, int capacity) {
        this.capacity = capacity;
        this.size = new int[features];
    }

    /** Whether entry {@code a} belongs nearer the root than entry {@code b} (absolute indices). */
    abstract boolean rootward(int a, int b);

    abstract void swap(int a, int b);

    final int size(int feature) {
        return size[feature];
    }

    final int base(int feature) {
        return feature * capacity;
    }

    /** Whether the feature's heap is full; if not, the caller writes the new entry at {@code base + size} and {@link #added}s it. */
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
