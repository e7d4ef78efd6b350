package io.dolphin.datalayer.deploy;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Walks parsed YAML (snakeyaml-engine maps and lists), failing with the missing key's name. */
final class Yaml {

    private Yaml() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertNotNull(value, "missing key '" + key + "' in " + parent.keySet());
        assertTrue(value instanceof Map, "'" + key + "' is not a mapping");
        return (Map<String, Object>) value;
    }

    /** The list of mappings at the end of {@code path}, e.g. {@code list(pod, "spec", "containers")}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String... path) {
        Map<String, Object> at = parent;
        for (int i = 0; i < path.length - 1; i++) {
            at = map(at, path[i]);
        }
        Object value = at.get(path[path.length - 1]);
        assertNotNull(value, "missing key '" + path[path.length - 1] + "' in " + at.keySet());
        assertTrue(value instanceof List, "'" + path[path.length - 1] + "' is not a list");
        return (List<Map<String, Object>>) value;
    }
}
