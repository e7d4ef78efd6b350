package io.dolphin.datalayer.common;

/** Keys of {@code DOLPHIN_STATE_BLUE} / {@code DOLPHIN_STATE_GREEN} and {@code DOLPHIN_META_HEALTH}. */
public final class StateKeys {

    public static final String CAPITAL_CHECKPOINT = "capital_checkpoint";
    public static final String ENGINE_SNAPSHOT = "engine_snapshot";
    /** The only key of {@code DOLPHIN_META_HEALTH}. */
    public static final String META_HEALTH_LATEST = "latest";

    private StateKeys() {
    }
}
