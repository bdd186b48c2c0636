package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.features.FeatureStore;
import dev.saeexplorer.core.features.StoreIdentity;
import dev.saeexplorer.core.features.StoreShelf;
import dev.saeexplorer.ui.jobs.LatestRun;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The feature store the inspector built for a checkpoint slot's SAE at the hook the slot reads, if there is one: a
 * pair's max feature then links to its dashboard. The checkpoint is fingerprinted once per load; changing the hook
 * only picks among the stores already found.
 */
final class StoreLink {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StoreLink.class);
    private final StoreShelf shelf;
    private final CheckpointInput slot;
    private final LatestRun finds;
    private final LatestRun opens;
    private final ReadOnlyObjectWrapper<FeatureStore> store = new ReadOnlyObjectWrapper<>(this, "store");
    private List<StoreShelf.Entry> found = List.of();

    StoreLink(WorkspaceContext ctx, StoreShelf shelf, CheckpointInput slot) {
        this.shelf = shelf;
        this.slot = slot;
        this.finds = new LatestRun(ctx.executor());
        this.opens = new LatestRun(ctx.executor());
        slot.loadedProperty().addListener((obs, was, now) -> find(now));
        slot.hook().textProperty().addListener((obs, was, now) -> pick());
    }

    /** The newest store for the slot's SAE at its hook, or null. */
    ReadOnlyObjectProperty<FeatureStore> storeProperty() {
        return store.getReadOnlyProperty();
    }

    private void find(LoadedSae sae) {
        found = List.of();
        store.set(null);
        opens.abandon();
        if (sae == null) {
            finds.abandon();
            return;
        }
        finds.start("Looking for feature dashboards of " + sae.name(),
                m -> shelf.storesOf(StoreIdentity.Sae.of(sae.checkpoint(), null), null), list -> {
                    found = list;
                    pick();
                }, StoreLink::unavailable);
    }

    /** A lookup nobody asked for failed: no link, and the reason in the log rather than a dialog. */
    private static void unavailable(Throwable e) {
        if (!(e instanceof dev.saeexplorer.core.compute.CancelledException)) {
            LOG.warn("no feature-store link: {}", e.toString());
        }
    }

    private void pick() {
        store.set(null);
        String hook = slot.hook().valid() ? slot.hook().value().name() : null;
        List<StoreShelf.Entry> candidates = found.stream()
                .filter(e -> e.manifest().sae().hookName().equals(hook)).toList();
        if (candidates.isEmpty()) {
            opens.abandon();
            return;
        }
        // Opening reads and checks the whole store: off the FX thread.
        opens.start("Opening the feature dashboards", m -> {
            for (StoreShelf.Entry e : candidates) {
                try {
                    return FeatureStore.open(e.dir());
                } catch (InvalidInputException damaged) {
                    // the next newest
                }
            }
            return null;
        }, store::set, StoreLink::unavailable);
    }
}
