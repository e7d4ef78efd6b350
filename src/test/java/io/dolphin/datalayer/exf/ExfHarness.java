package io.dolphin.datalayer.exf;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.metrics.Measurement;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.DeadLetterCodec;
import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.sim.FactorEndpoints;
import io.dolphin.datalayer.support.TestCluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A real member (deployed config, metrics every second), the factor endpoint server on a free port, and the
 * exf-poller job submitted the way {@code main} does it: the shipped descriptor plus environment overrides.
 */
final class ExfHarness implements AutoCloseable {

    /** Every default endpoint's route and the recorded payload it gets, in the public APIs' shapes. */
    static final Map<String, String> RECORDED_ROUTES = Map.ofEntries(
            Map.entry("/fapi/v1/premiumIndex?symbol=BTCUSDT", "premiumIndex_BTCUSDT.json"),
            Map.entry("/fapi/v1/premiumIndex?symbol=ETHUSDT", "premiumIndex_ETHUSDT.json"),
            Map.entry("/fapi/v1/openInterest?symbol=BTCUSDT", "openInterest_BTCUSDT.json"),
            Map.entry("/fapi/v1/openInterest?symbol=ETHUSDT", "openInterest_ETHUSDT.json"),
            Map.entry("/futures/data/globalLongShortAccountRatio?symbol=BTCUSDT",
                    "globalLongShortAccountRatio_BTCUSDT.json"),
            Map.entry("/futures/data/globalLongShortAccountRatio?symbol=ETHUSDT",
                    "globalLongShortAccountRatio_ETHUSDT.json"),
            Map.entry("/futures/data/takerlongshortRatio?symbol=BTCUSDT", "takerlongshortRatio_BTCUSDT.json"),
            Map.entry("/futures/data/basis?pair=BTCUSDT", "basis_BTCUSDT.json"),
            Map.entry("/fapi/v1/depth?symbol=BTCUSDT", "depth_BTCUSDT.json"),
            Map.entry("/api/v2/public/get_volatility_index_data?currency=BTC", "dvol_BTC.json"),
            Map.entry("/fng/", "fng.json"));

    private final TestCluster cluster = new TestCluster();
    final HazelcastInstance member;
    final FactorEndpoints server;
    private final ExternalFactorsCodec codec = new ExternalFactorsCodec();
    private Job job;

    ExfHarness() {
        Config config = TestCluster.memberConfig();
        config.getMetricsConfig().setCollectionFrequencySeconds(1);
        member = cluster.newMember(config);
        server = FactorEndpoints.start(0);
    }

    /** Submits the job with the shipped descriptor, {@code env} overriding it, base URL = the local server. */
    Job submit(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("DOLPHIN_EXF_BASE_URL", server.baseUrl());
        JobDescriptor d = JobDescriptors.load(ExfPollerJob.DESCRIPTOR_ID, all);
        job = member.getJet().newJob(ExfPollerJob.pipeline(ExfPollerSettings.from(d.settings(), all)), d.jobConfig());
        assertEventually(() -> assertEquals(JobStatus.RUNNING, job.getStatus()));
        return job;
    }

    Job job() {
        return job;
    }

    /** Cancels the job, waits until it is gone, clears the maps and the server's fixed replies. */
    void reset() {
        if (job != null) {
            job.cancel();
            assertEventually(() -> assertEquals(JobStatus.FAILED, job.getStatus()));
            job = null;
        }
        features().clear();
        deadLetters().clear();
        for (String route : RECORDED_ROUTES.keySet()) {
            server.clearOverride(route);
        }
    }

    void serveRecorded() {
        RECORDED_ROUTES.forEach((route, file) -> server.override(route, FactorEndpoints.Reply.json(recorded(file))));
    }

    IMap<String, String> features() {
        return member.getMap(DolphinMaps.FEATURES);
    }

    IMap<String, String> deadLetters() {
        return member.getMap(DolphinMaps.DEAD_LETTERS);
    }

    /** The current exf_latest text; an assertion error while there is none, so it can be waited for. */
    String latestJson() {
        String json = features().get(FeatureKeys.EXF_LATEST);
        assertNotNull(json, "no exf_latest yet");
        return json;
    }

    /** The current exf_latest; an assertion error while there is none. */
    ExternalFactors latest() {
        return codec.decode(latestJson());
    }

    DeadLetter deadLetter(String key) {
        String json = deadLetters().get(key);
        return json == null ? null : new DeadLetterCodec().decode(json);
    }

    /** A job metric's value, -1 while it has not been collected yet. */
    long metric(String name) {
        List<Measurement> m = job.getMetrics().get(name);
        return m.isEmpty() ? -1 : m.stream().mapToLong(Measurement::value).sum();
    }

    static String recorded(String file) {
        try (InputStream in = ExfHarness.class.getResourceAsStream("/exf/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded payload " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        cluster.close();
        server.stop();
    }
}
