package io.dolphin.datalayer.common;

import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobDescriptorsTest {

    private static final String DESCRIPTOR = """
            name: dolphin-example
            class: io.dolphin.datalayer.jobs.ExampleJob
            description: An example.
            guarantee: at_least_once
            snapshot-interval-ms: 2500
            settings:
              root:
                default: ./data/scans
                env: DOLPHIN_EXAMPLE_ROOT
                doc: Where files are.
              interval-ms:
                default: 500
                env: DOLPHIN_EXAMPLE_INTERVAL_MS
              enabled:
                default: true
                env: DOLPHIN_EXAMPLE_ENABLED
              endpoints:
                default:
                  - {name: a, url: "http://x/a"}
                env: DOLPHIN_EXAMPLE_ENDPOINTS
            """;

    @TempDir
    Path dir;

    @Test
    void when_noOverride_then_defaults() throws Exception {
        JobDescriptor d = write(Map.of());
        assertEquals("dolphin-example", d.name());
        assertEquals("io.dolphin.datalayer.jobs.ExampleJob", d.className());
        assertEquals(ProcessingGuarantee.AT_LEAST_ONCE, d.guarantee());
        assertEquals("./data/scans", d.settings().string("root"));
        assertEquals(500, d.settings().longValue("interval-ms"));
        assertTrue(d.settings().bool("enabled"));
        assertEquals(1, d.settings().list("endpoints").size());
        assertEquals("DOLPHIN_EXAMPLE_ROOT", d.declared().get("root").env());
        assertEquals("Where files are.", d.declared().get("root").doc());
    }

    @Test
    void when_environmentSet_then_overridesDefaultWithItsType() throws Exception {
        JobDescriptor d = write(Map.of("DOLPHIN_EXAMPLE_ROOT", "/srv/scans", "DOLPHIN_EXAMPLE_INTERVAL_MS", "250",
                "DOLPHIN_EXAMPLE_ENABLED", "false",
                "DOLPHIN_EXAMPLE_ENDPOINTS", "[{name: b, url: 'http://y/b'}, {name: c, url: 'http://y/c'}]"));
        assertEquals("/srv/scans", d.settings().string("root"));
        assertEquals(250, d.settings().longValue("interval-ms"));
        assertFalse(d.settings().bool("enabled"));
        List<Object> endpoints = d.settings().list("endpoints");
        assertEquals(2, endpoints.size());
    }

    @Test
    void when_environmentValueInvalid_then_errorNamesVariable() throws Exception {
        JobDescriptor d = write(Map.of("DOLPHIN_EXAMPLE_INTERVAL_MS", "soon"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.settings().longValue("interval-ms"));
        assertTrue(e.getMessage().contains("DOLPHIN_EXAMPLE_INTERVAL_MS"), e.getMessage());
    }

    @Test
    void when_undeclaredSettingRead_then_fails() throws Exception {
        JobDescriptor d = write(Map.of());
        assertThrows(IllegalArgumentException.class, () -> d.settings().string("nope"));
    }

    @Test
    void when_jobConfig_then_nameGuaranteeSnapshotAndMetricsKept() throws Exception {
        JobConfig c = write(Map.of()).jobConfig();
        assertEquals("dolphin-example", c.getName());
        assertEquals(ProcessingGuarantee.AT_LEAST_ONCE, c.getProcessingGuarantee());
        assertEquals(2500, c.getSnapshotIntervalMillis());
        assertTrue(c.isStoreMetricsAfterJobCompletion());
    }

    @Test
    void when_unknownJob_then_errorListsKnownJobs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobDescriptors.load("no-such-job", Map.of("DOLPHIN_JOBS_DIR", dir.toString())));
        assertTrue(e.getMessage().contains("known jobs"), e.getMessage());
    }

    @Test
    void when_badGuarantee_then_errorSaysWhatIsAllowed() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "name: x\nclass: y\nguarantee: MOSTLY\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobDescriptors.load("bad", Map.of("DOLPHIN_JOBS_DIR", dir.toString())));
        assertTrue(e.getMessage().contains("EXACTLY_ONCE"), e.getMessage());
    }

    @Test
    void when_everyShippedDescriptor_then_loadsAndNamesItsClass() throws Exception {
        for (JobDescriptor d : JobDescriptors.loadAll(Map.of())) {
            assertTrue(d.name().startsWith("dolphin-"), d.name());
            Class.forName(d.className());
            for (Setting s : d.declared().values()) {
                assertTrue(s.env() == null || s.env().startsWith("DOLPHIN_"), d.id() + ": " + s.env());
            }
        }
    }

    private JobDescriptor write(Map<String, String> env) throws Exception {
        Files.writeString(dir.resolve("example.yaml"), DESCRIPTOR);
        Map<String, String> withDir = new java.util.HashMap<>(env);
        withDir.put("DOLPHIN_JOBS_DIR", dir.toString());
        return JobDescriptors.load("example", withDir);
    }
}
