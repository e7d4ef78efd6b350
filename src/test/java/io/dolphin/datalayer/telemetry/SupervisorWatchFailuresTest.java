package io.dolphin.datalayer.telemetry;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.metrics.Measurement;
import com.hazelcast.map.IMap;
import com.sun.net.httpserver.HttpServer;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * supervisord faulting, answering something else, hanging and gone, played by a local HTTP server serving a
 * recorded answer and recorded bad ones: the job keeps running, the last states stay with their age, every failure
 * is counted and each kind is dead-lettered with its reason.
 */
class SupervisorWatchFailuresTest {

    private static final String FAULT = "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n"
            + "<name>faultCode</name>\n<value><int>1</int></value>\n</member>\n<member>\n<name>faultString</name>\n"
            + "<value><string>UNKNOWN_METHOD</string></value>\n</member>\n</struct></value>\n</fault>\n"
            + "</methodResponse>\n";

    private final TestCluster cluster = new TestCluster();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
        cluster.close();
    }

    @Test
    void when_faultMalformedSlowThenDown_then_runningLastStateAgedFailuresCountedAndDeadLettered() throws Exception {
        // Given: a supervisord that answers as recorded
        String good = SupervisorReplyTest.recorded("multicall-stopped-and-killed.xml");
        AtomicReference<String> mode = new AtomicReference<>("good");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/RPC2", exchange -> {
            String m = mode.get();
            if ("slow".equals(m)) {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String body = switch (m) {
                case "fault" -> FAULT;
                case "malformed" -> good.substring(0, good.indexOf("<name>statename</name>"));
                default -> good;
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException gone) {
                // the watcher gave up waiting
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/RPC2";
        HazelcastInstance member = cluster.newMember();
        Job job = member.getJet().newJob(SupervisorWatchJob.pipeline(SupervisorWatchJobTest.settings(url, 300, 200)),
                SupervisorWatchJobTest.jobConfig());
        IMap<String, String> processes = member.getMap(DolphinMaps.PROCESSES);
        IMap<String, String> deadLetters = member.getMap(DolphinMaps.DEAD_LETTERS);
        assertEventually(() -> assertEquals(2, processes.size()));

        // When / Then: each kind of failure in turn
        mode.set("fault");
        assertDeadLetter(deadLetters, url + " fault", "XML-RPC fault 1: UNKNOWN_METHOD");
        mode.set("malformed");
        assertDeadLetter(deadLetters, url + " malformed", "not the XML-RPC answer of getAllProcessInfo");
        mode.set("slow");
        assertDeadLetter(deadLetters, url + " timeout", "within 300 ms");
        server.stop(0);
        release.countDown();
        // a dead letter per kind and 200 ms: the reason of the latest shows
        assertDeadLetter(deadLetters, url + " io-error", "ConnectException");

        assertEquals(JobStatus.RUNNING, job.getStatus());
        assertEventually(() -> {
            JsonFields alpha = JsonFields.parse("alpha", processes.get(Supervisord.GROUP + ":alpha"));
            assertEquals("STOPPED", alpha.requireString("state"), "the last state known");
            assertEquals(Boolean.TRUE, alpha.optBoolean("stale"));
            assertTrue(alpha.requireDouble("age_s") > 0.5, "age " + alpha.requireDouble("age_s"));
            assertTrue(alpha.requireString("error").contains("io-error"), alpha.requireString("error"));
        });
        assertEventually(30, () -> assertTrue(job.getMetrics().get(SupervisorWatchJob.METRIC_FAILURES).stream()
                .mapToLong(Measurement::value).sum() >= 4, job.getMetrics().toString()));
        assertEventually(30, () -> assertTrue(job.getMetrics().get(SupervisorWatchJob.METRIC_ANSWER_AGE).stream()
                .mapToLong(Measurement::value).max().orElse(0) > 500));
    }

    private static void assertDeadLetter(IMap<String, String> deadLetters, String source, String reasonPart) {
        String key = SupervisorWatchJob.JOB_NAME + "|" + source;
        assertEventually(() -> {
            String letter = deadLetters.get(key);
            assertTrue(letter != null, "no dead letter " + key + " in " + deadLetters.keySet());
            String reason = JsonFields.parse("dead letter", letter).requireString("reason");
            assertTrue(reason.contains(reasonPart), reason);
        });
    }
}
