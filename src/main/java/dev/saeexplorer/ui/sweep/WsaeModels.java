package dev.saeexplorer.ui.sweep;

import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.ui.common.SessionId;
import java.util.ArrayList;
import java.util.List;

/** Which WSAEs the sweep trains beside the SAE: the variance WSAE (the paper's), the oracle one, or both. */
public enum WsaeModels implements SessionId {
    VARIANCE("variance", "Variance of x_p", List.of(Weighting.VARIANCE)),
    ORACLE("oracle", "Oracle from W_p", List.of(Weighting.ORACLE)),
    /** The committed worlds sweep's choice: rows "WSAE" and "WSAE (oracle)" beside "SAE". */
    BOTH("variance,oracle", "Variance and oracle (both)", List.of(Weighting.VARIANCE, Weighting.ORACLE));

    private final String id;
    private final String label;
    private final List<Weighting> weightings;

    WsaeModels(String id, String label, List<Weighting> weightings) {
        this.id = id;
        this.label = label;
        this.weightings = weightings;
    }

    /** The name in session files: the CLI's {@code --wsae-weighting} list. */
    @Override
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The WSAEs' weightings, in the order their rows come. */
    public List<Weighting> weightings() {
        return weightings;
    }

    /** Every model of one (S, seed): the SAE, then the WSAEs. */
    public List<Weighting> models() {
        List<Weighting> all = new ArrayList<>();
        all.add(Weighting.NONE);
        all.addAll(weightings);
        return List.copyOf(all);
    }

    /** The entry with this session id, or null. */
    static WsaeModels byId(String id) {
        return SessionId.find(WsaeModels.class, id);
    }

    @Override
    public String toString() {
        return label;
    }
}
