package io.dolphin.datalayer.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The rules every Dolphin supervisord program must follow; a typo in an option name fails here, not at 3 a.m. */
final class SupervisordChecks {

    /** supervisord 4's [program:x] options. */
    private static final Set<String> OPTIONS = Set.of("command", "process_name", "numprocs", "numprocs_start",
            "priority", "autostart", "startsecs", "startretries", "autorestart", "exitcodes", "stopsignal",
            "stopwaitsecs", "stopasgroup", "killasgroup", "user", "redirect_stderr", "stdout_logfile",
            "stdout_logfile_maxbytes", "stdout_logfile_backups", "stdout_capture_maxbytes", "stdout_events_enabled",
            "stdout_syslog", "stderr_logfile", "stderr_logfile_maxbytes", "stderr_logfile_backups",
            "stderr_capture_maxbytes", "stderr_events_enabled", "stderr_syslog", "environment", "directory", "umask",
            "serverurl");
    private static final Set<String> EXPANSIONS = Set.of("program_name", "process_num", "group_name", "host_node_name",
            "numprocs", "here");
    private static final Pattern EXPANSION = Pattern.compile("%\\(([^)]+)\\)[sd]");
    /** Where the confs assume the project is installed; maps to the repository root here. */
    private static final String INSTALL_DIR = "/opt/dolphin/";

    private SupervisordChecks() {
    }

    static void program(Path file, String name, Map<String, String> p, int gracefulShutdownSeconds) {
        String where = file + " [program:" + name + "] ";
        for (String key : p.keySet()) {
            assertTrue(OPTIONS.contains(key), where + "unknown option " + key);
        }
        p.values().forEach(v -> checkExpansions(where, v));
        String command = p.get("command");
        assertTrue(command.startsWith(INSTALL_DIR + "deploy/bin/with-env "), where + "credentials come through with-env");
        for (String word : command.split("\\s+")) {
            if (word.startsWith(INSTALL_DIR)) {
                Path inRepo = Path.of(word.substring(INSTALL_DIR.length()));
                assertTrue(Files.isExecutable(inRepo), where + "runs " + word + ", but " + inRepo + " is no executable");
            }
        }
        Map<String, String> env = SupervisorConf.environment(p.get("environment"));
        env.keySet().forEach(k -> assertFalse(k.contains("PASSWORD"), where + "a password belongs in the env file"));
        assertEquals("/opt/dolphin", env.get("DOLPHIN_HOME"), where + "DOLPHIN_HOME");
        assertEquals("1", env.get("DOLPHIN_SKIP_BUILD"), where + "a supervised process must never start a build");
        assertTrue(env.containsKey("DOLPHIN_ENV_FILE"), where + "DOLPHIN_ENV_FILE");
        assertTrue(Set.of("true", "false", "unexpected").contains(p.get("autorestart")), where + "autorestart");
        assertTrue(Set.of("TERM", "HUP", "INT", "QUIT", "KILL", "USR1", "USR2").contains(p.get("stopsignal")), where);
        if (command.endsWith("bin/dolphin member")) {
            assertEquals("TERM", p.get("stopsignal"), where + "SIGTERM starts Hazelcast's graceful shutdown");
            assertTrue(Integer.parseInt(p.get("stopwaitsecs")) > gracefulShutdownSeconds + 10,
                    where + "stopwaitsecs must outlast hazelcast.graceful.shutdown.max.wait = " + gracefulShutdownSeconds);
            assertEquals("true", p.get("autorestart"), where + "a member that stopped itself must come back");
            assertEquals("true", p.get("stopasgroup"), where);
        } else if (command.endsWith("deploy/bin/submit-when-ready")) {
            assertEquals("false", p.get("autorestart"), where + "one-shot");
            assertEquals("0", p.get("startsecs"), where + "one-shot: exiting quickly is success, not a failed start");
            assertEquals("0", p.get("exitcodes"), where);
        } else {
            fail(where + "neither a member nor the submission: " + command);
        }
    }

    private static void checkExpansions(String where, String value) {
        Matcher m = EXPANSION.matcher(value);
        while (m.find()) {
            String name = m.group(1);
            assertTrue(EXPANSIONS.contains(name) || name.startsWith("ENV_"), where + "unknown expansion %(" + name + ")");
        }
    }
}
