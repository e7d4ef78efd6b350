package io.dolphin.datalayer.common;

import java.io.Serializable;

/**
 * One tunable of a job descriptor: its default, the environment variable that overrides it (may be null
 * for structured settings such as endpoint lists) and a line of documentation.
 */
record Setting(String key, Object defaultValue, String env, String doc) implements Serializable {
}
