package io.dolphin.datalayer.telemetry;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The XML-RPC reader against an answer recorded from supervisord 4.2.5, and against what it must refuse. */
class SupervisorReplyTest {

    static String recorded(String name) throws IOException {
        try (InputStream in = SupervisorReplyTest.class.getResourceAsStream("/telemetry/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void when_recordedAnswer_then_everyProcessAndTheLogTail() throws IOException {
        SupervisorReply r = SupervisorReply.parse(recorded("multicall-stopped-and-killed.xml"));

        assertEquals(2, r.processes().size());
        ProcessInfo alpha = r.processes().get(0);
        assertEquals("ops_test:alpha", alpha.key());
        assertEquals("STOPPED", alpha.state());
        assertEquals(ProcessInfo.STOPPED, alpha.stateCode());
        assertEquals(1796126018L, alpha.start());
        assertEquals(1796126024L, alpha.stop());
        assertEquals(-1, alpha.exitStatus());
        assertEquals(0, alpha.pid());
        ProcessInfo bravo = r.processes().get(1);
        assertEquals("EXITED", bravo.state());
        assertEquals("Bad exit code -1", bravo.spawnErr());
        assertTrue(r.logTail().contains("exited: bravo (terminated by SIGKILL; not expected)"), r.logTail());
        assertNull(r.logError());
        assertEquals(new ExitCause("SIGKILL", -1, 9), ExitCause.of(bravo, r.logTail()));
        assertEquals(new ExitCause("SIGTERM", -1, 15), ExitCause.of(alpha, r.logTail()));
    }

    @Test
    void when_fault_then_faultWithCodeAndText() {
        String fault = "<?xml version='1.0'?><methodResponse><fault><value><struct><member><name>faultCode</name>"
                + "<value><int>1</int></value></member><member><name>faultString</name><value><string>UNKNOWN_METHOD"
                + "</string></value></member></struct></value></fault></methodResponse>";
        XmlRpc.Fault f = assertThrows(XmlRpc.Fault.class, () -> SupervisorReply.parse(fault));
        assertEquals(1, f.code());
        assertTrue(f.getMessage().contains("UNKNOWN_METHOD"), f.getMessage());
    }

    @Test
    void when_getAllProcessInfoFaultsInsideMulticall_then_fault() {
        String body = "<methodResponse><params><param><value><array><data>"
                + "<value><struct><member><name>faultCode</name><value><int>6</int></value></member>"
                + "<member><name>faultString</name><value>SHUTDOWN_STATE</value></member></struct></value>"
                + "<value><array><data><value>log</value></data></array></value>"
                + "</data></array></value></param></params></methodResponse>";
        XmlRpc.Fault f = assertThrows(XmlRpc.Fault.class, () -> SupervisorReply.parse(body));
        assertTrue(f.getMessage().contains("supervisor.getAllProcessInfo: SHUTDOWN_STATE"), f.getMessage());
    }

    @Test
    void when_readLogFaults_then_processesWithoutLog() {
        String body = "<methodResponse><params><param><value><array><data>"
                + "<value><array><data><value><array><data></data></array></value></data></array></value>"
                + "<value><struct><member><name>faultCode</name><value><int>10</int></value></member>"
                + "<member><name>faultString</name><value>NO_FILE</value></member></struct></value>"
                + "</data></array></value></param></params></methodResponse>";
        SupervisorReply r = SupervisorReply.parse(body);
        assertEquals(List.of(), r.processes());
        assertNull(r.logTail());
        assertTrue(r.logError().contains("NO_FILE"), r.logError());
    }

    @Test
    void when_noLogTailAsked_then_oneCallAndNoLog() {
        String body = XmlRpc.multicallBody(0);
        assertTrue(body.contains("supervisor.getAllProcessInfo") && !body.contains("readLog"), body);
        SupervisorReply r = SupervisorReply.parse("<methodResponse><params><param><value><array><data>"
                + "<value><array><data></data></array></value></data></array></value></param></params>"
                + "</methodResponse>");
        assertEquals(List.of(), r.processes());
        assertNull(r.logTail());
    }

    @Test
    void when_malformed_then_malformedWithTheReason() throws IOException {
        String good = recorded("multicall-stopped-and-killed.xml");
        assertMalformed("", "empty");
        assertMalformed("<html><body>502 Bad Gateway</body></html>", "expected <methodResponse>");
        assertMalformed(good.substring(0, good.length() / 2), "");
        assertMalformed(good.replace("<member>\n<name>pid</name>\n<value><int>0</int></value>\n</member>\n", ""), "no number field 'pid'");
        assertMalformed(good.replace("<int>1796126018</int>", "<int>soon</int>"), "not a number");
        assertMalformed("<methodResponse><params><param><value><string>x</string></value></param></params>"
                + "</methodResponse>", "array of 1 or 2 results");
        assertMalformed("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<methodResponse><params><param><value>&e;</value></param></params></methodResponse>", "");
    }

    private static void assertMalformed(String body, String reasonPart) {
        XmlRpc.Malformed m = assertThrows(XmlRpc.Malformed.class, () -> SupervisorReply.parse(body), body);
        assertTrue(m.getMessage().contains(reasonPart), m.getMessage());
    }
}
