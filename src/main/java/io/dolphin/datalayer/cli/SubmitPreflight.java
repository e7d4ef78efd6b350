package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobSettings;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The settings a job cannot run without, checked by the process that submits it (it reads them, from the job's
 * descriptor and the {@code DOLPHIN_*} environment, and they travel inside the pipeline): a warm store that is
 * named right and answers, a Kafka that answers, a scan root that exists. A job submitted with one of them wrong
 * would only fail or retry on the member; here the operator gets one line naming the setting and what was expected.
 */
final class SubmitPreflight {

    static final int KAFKA_TIMEOUT_SECONDS = 8;
    private static final int WARM_TIMEOUT_SECONDS = 8;

    private SubmitPreflight() {
    }

    /** @return what is wrong with {@code d}'s settings, in one line; empty when it may be submitted */
    static Optional<String> check(JobDescriptor d) {
        JobSettings s = d.settings();
        try {
            if (s.has("warm-jdbc-url")) {
                warmStore(s.string("warm-jdbc-url"), s.string("warm-user"), s.string("warm-password"));
            }
            if (s.has("bootstrap-servers")) {
                kafka(s.string("bootstrap-servers"));
            }
            if (s.has("scan-root")) {
                scanRoot(s.string("scan-root"));
            }
            return Optional.empty();
        } catch (BadSetting e) {
            return Optional.of(d.name() + " not submitted: " + e.getMessage());
        }
    }

    static void warmStore(String url, String user, String password) {
        WarmStoreConfig config;
        try {
            config = new WarmStoreConfig(url, user, password, false);
        } catch (IllegalArgumentException e) {
            throw new BadSetting("DOLPHIN_WARM_JDBC_URL: " + e.getMessage());
        }
        try {
            java.sql.DriverManager.setLoginTimeout(WARM_TIMEOUT_SECONDS);
            try (Connection c = config.connect(); Statement st = c.createStatement()) {
                st.setQueryTimeout(WARM_TIMEOUT_SECONDS);
                try (ResultSet rs = st.executeQuery("SELECT 1")) {
                    rs.next();
                }
            }
        } catch (SQLException | RuntimeException e) {
            throw new BadSetting("DOLPHIN_WARM_JDBC_URL=" + url + ": the warm store did not answer (" + rootMessage(e)
                    + "); expected a reachable " + config.dialect().folder() + " store"
                    + (config.dialect().folder().equals("clickhouse") ? " (DOLPHIN_WARM_USER/DOLPHIN_WARM_PASSWORD"
                    + " for its credentials)" : ""));
        }
    }

    static void kafka(String bootstrap) {
        Map<String, Object> props = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, KAFKA_TIMEOUT_SECONDS * 1000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, KAFKA_TIMEOUT_SECONDS * 1000);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(KAFKA_TIMEOUT_SECONDS * 1000))
                    .nodes().get(KAFKA_TIMEOUT_SECONDS + 2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new BadSetting("DOLPHIN_KAFKA_BOOTSTRAP=" + bootstrap + ": no Kafka broker answered within "
                    + KAFKA_TIMEOUT_SECONDS + " s (" + rootMessage(e) + "); expected host:port[,host:port] of the"
                    + " order-book feed's brokers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadSetting("interrupted while reaching Kafka at " + bootstrap);
        }
    }

    static void scanRoot(String root) {
        if (!Files.isDirectory(Path.of(root))) {
            throw new BadSetting("DOLPHIN_SCAN_ROOT=" + root + ": no such folder; expected the folder the scanner"
                    + " writes <YYYY-MM-DD>/*.arrow into, on the members' hosts");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    /** One setting is wrong; the message names it and what was expected. */
    static final class BadSetting extends IllegalArgumentException {
        BadSetting(String message) {
            super(message);
        }
    }
}
