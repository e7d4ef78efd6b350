package io.dolphin.datalayer.exf;

import com.hazelcast.jet.core.DAG;
import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobDescriptors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExfPollerSettingsTest {

    @Test
    void when_shippedDescriptor_then_everyReferenceFactorDeclaredAndEveryUrlLocal() {
        ExfPollerSettings s = settings(Map.of());
        List<String> factors = new FactorBook(s.book()).factorNames();
        assertEquals(ExternalFactors.REFERENCE_FIELDS, factors);
        assertEquals(11, s.endpoints().size());
        for (HttpEndpoint e : s.endpoints()) {
            assertTrue(e.urlTemplate().startsWith("http://127.0.0.1:8480/"), e.urlTemplate());
        }
        assertEquals(500, s.publishIntervalMs());
        assertEquals(500, s.book().refreshIntervalMs());
        assertTrue(s.publishMeta());
        assertTrue(!settings(Map.of("DOLPHIN_EXF_PUBLISH_META", "false")).publishMeta());
        assertEquals(Map.of("funding_btc_lagged", "funding_btc", "taker_lagged", "taker"),
                s.book().lagged().stream().collect(Collectors.toMap(FactorBook.LaggedField::name,
                        FactorBook.LaggedField::of)));
    }

    @Test
    void when_baseUrlSet_then_everyEndpointUsesIt() {
        ExfPollerSettings s = settings(Map.of("DOLPHIN_EXF_BASE_URL", "http://10.1.2.3:9000/"));
        assertEquals("http://10.1.2.3:9000/fapi/v1/premiumIndex?symbol=BTCUSDT", url(s, "funding_btc"));
        assertEquals("http://10.1.2.3:9000/fng/?limit=1", url(s, "fear_greed"));
    }

    @Test
    void when_endpointGroupBaseSet_then_onlyThatGroupMoves() {
        ExfPollerSettings s = settings(Map.of("DOLPHIN_EXF_BASE_URL", "http://10.1.2.3:9000",
                "DOLPHIN_EXF_DERIBIT_URL", "https://deribit.internal.example"));
        assertTrue(url(s, "dvol").startsWith("https://deribit.internal.example/api/v2/public/"), url(s, "dvol"));
        assertTrue(url(s, "taker").startsWith("http://10.1.2.3:9000/"), url(s, "taker"));
    }

    @Test
    void when_timeWindowInUrl_then_expandedPerRequest() {
        HttpEndpoint dvol = settings(Map.of()).endpoints().stream().filter(e -> e.name().equals("dvol")).findFirst()
                .orElseThrow();
        assertTrue(dvol.url(1776269558000L).endsWith("start_timestamp=1776265958000&end_timestamp=1776269558000"),
                dvol.url(1776269558000L));
    }

    @Test
    void when_factorAddedInDescriptor_then_publishedWithoutCode() {
        ExfPollerSettings s = settings(Map.of("DOLPHIN_EXF_ENDPOINTS",
                "[{name: funding_sol, url: '{base}/fapi/v1/premiumIndex?symbol=SOLUSDT', interval-ms: 5000,"
                        + " fields: {funding_sol: '$.lastFundingRate'}}]", "DOLPHIN_EXF_LAGGED", "[]"));
        assertEquals(List.of("funding_sol"), new FactorBook(s.book()).factorNames());
        assertEquals(3 * 5000 + 2000, s.book().polled().get(0).staleAfterMs());
    }

    @Test
    void when_descriptorHasATypo_then_errorNamesEndpointAndKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of(
                "DOLPHIN_EXF_ENDPOINTS", "[{name: x, url: 'http://h/x', intervall-ms: 5, fields: {x: '$.x'}}]")));
        assertTrue(e.getMessage().contains("x") && e.getMessage().contains("'intervall-ms'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of(
                "DOLPHIN_EXF_ENDPOINTS", "[{name: x, url: 'http://h/x', interval-ms: 5, fields: {x: 'x'}}]")));
        assertTrue(e.getMessage().contains("endpoint 'x'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of("DOLPHIN_EXF_LAGGED",
                "[{field: dvol_lagged, of: vix, lag-ms: 1000}]")));
        assertTrue(e.getMessage().contains("'vix'"), e.getMessage());
    }

    @Test
    void when_pipelineBuilt_then_stagesNamedAndOrderPreserved() {
        DAG dag = ExfPollerJob.pipeline(settings(Map.of())).toDag();
        String text = dag.toString();
        for (String stage : List.of("1-poll-endpoints", "2-factor-book", "3-encode-exf-latest", "4-write-exf-latest")) {
            assertTrue(text.contains(stage), stage + " in\n" + text);
        }
        // one instance per stage and isolated edges: exf_latest writes keep publication order
        dag.iterator().forEachRemaining(v -> assertEquals(1, v.getLocalParallelism(), v.getName()));
        dag.getOutboundEdges("2-factor-book").forEach(e -> assertTrue(e.isLocal(), e.toString()));
    }

    static ExfPollerSettings settings(Map<String, String> env) {
        JobDescriptor d = JobDescriptors.load(ExfPollerJob.DESCRIPTOR_ID, env);
        assertEquals(ExfPollerJob.JOB_NAME, d.name());
        return ExfPollerSettings.from(d.settings(), env);
    }

    private static String url(ExfPollerSettings s, String endpoint) {
        return s.endpoints().stream().filter(e -> e.name().equals(endpoint)).findFirst().orElseThrow().urlTemplate();
    }
}
