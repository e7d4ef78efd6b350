package io.dolphin.datalayer.common;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.core.metrics.MetricNames;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.test.TestSources;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLettersTest {

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void when_someRecordsRejected_then_deadLetteredCountedAndGoodOnesContinue() {
        HazelcastInstance member = cluster.newMember();
        Pipeline p = Pipeline.create();
        var outcomes = p.readFrom(TestSources.items("1", "2", "x", "4", "", "6"))
                .map(s -> parse(s))
                .setName("parse");
        DeadLetters.divert(outcomes).writeTo(Sinks.map("good", n -> n, n -> n));

        Job job = member.getJet().newJob(p, new JobConfig().setStoreMetricsAfterJobCompletion(true));
        job.join();

        IMap<Integer, Integer> good = member.getMap("good");
        assertEquals(Map.of(1, 1, 2, 2, 4, 4, 6, 6), Map.copyOf(good));
        IMap<String, String> dead = member.getMap(DolphinMaps.DEAD_LETTERS);
        assertEquals(2, dead.size());
        DeadLetter x = new DeadLetterCodec().decode(dead.get("dolphin-test|item:x"));
        assertEquals("not a number: 'x'", x.reason());
        assertEquals("x", x.payload());
        assertEventually(() -> {
            long counted = job.getMetrics().get(DeadLetters.METRIC).stream().mapToLong(m -> m.value()).sum();
            assertEquals(2, counted);
        });
        assertTrue(job.getMetrics().metrics().contains(MetricNames.RECEIVED_COUNT));
    }

    private static Outcome<Integer> parse(String s) {
        try {
            return Outcome.accepted(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return Outcome.rejected(DeadLetter.of("dolphin-test", "item:" + s, "not a number: '" + s + "'", s,
                    System.currentTimeMillis()));
        }
    }
}
