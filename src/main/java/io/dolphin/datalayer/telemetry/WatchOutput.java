package io.dolphin.datalayer.telemetry;

import java.io.Serializable;

/** What the watcher writes: a process's state to {@code DOLPHIN_PROCESSES}, or a transition to its own map. */
sealed interface WatchOutput extends Serializable {

    String key();

    String json();

    /** {@code DOLPHIN_PROCESSES[group:name]}. */
    record ProcessState(String key, String json) implements WatchOutput {
    }

    /** {@code DOLPHIN_SERVICE_LIFECYCLE[group:name|EVENT|ts|pid]}. */
    record Transition(String key, String json) implements WatchOutput {
    }
}
