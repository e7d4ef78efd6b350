package io.dolphin.datalayer.warm.store;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.RowBinaryFormatSerializer;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import io.dolphin.datalayer.bench.ChdbProcess;
import io.dolphin.datalayer.bench.ClickHouseEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * clickhouse-jdbc against chDB behind {@link ChdbProcess}: what the warm store needs from a ClickHouse server.
 * Skipped only when libchdb.so is absent (.ci/fetch-chdb fetches it). With {@code DOLPHIN_CLICKHOUSE_URL} set
 * (and {@code DOLPHIN_CLICKHOUSE_USER}/{@code DOLPHIN_CLICKHOUSE_PASSWORD}), the same checks run against that
 * server instead, in a database of their own that they drop; the restart check then is skipped.
 */
class ChdbServerTest {

    private static final Instant FIRST_TS = Instant.parse("2026-03-01T12:00:00.123456Z");

    @TempDir
    static Path dir;
    private static ChdbProcess server;
    private static String url;
    private static String user;
    private static String password;
    /** The test database: dolphin in the engine's fresh data dir, a database of this run on a real server. */
    private static String db = "dolphin";

    @BeforeAll
    static void startEngine() throws Exception {
        String real = System.getenv("DOLPHIN_CLICKHOUSE_URL");
        if (real != null && !real.isBlank()) {
            url = real;
            user = System.getenv().getOrDefault("DOLPHIN_CLICKHOUSE_USER", "default");
            password = System.getenv().getOrDefault("DOLPHIN_CLICKHOUSE_PASSWORD", "");
            db = "dolphin_chdbtest_" + Long.toHexString(System.currentTimeMillis());
        } else if (ChdbProcess.engine().isPresent()) {
            long t0 = System.nanoTime();
            server = ChdbProcess.start(dir.resolve("chdb"));
            System.out.printf("ChdbServerTest: chdb-http answered /ping %d ms after start()%n",
                    (System.nanoTime() - t0) / 1_000_000);
            url = server.jdbcUrl();
            user = server.user();
            password = server.password();
        } else {
            return; // every test is skipped (needsEngine)
        }
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + db);
        }
    }

    @BeforeEach
    void needsEngine() {
        assumeTrue(url != null,
                "chDB engine absent: run .ci/fetch-chdb (or set -Ddolphin.chdb.lib) to run the ClickHouse tests");
    }

    @AfterAll
    static void stopEngine() throws SQLException {
        if (server != null) {
            server.close();
        } else if (url != null) {
            try (Connection c = connect(""); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db);
            }
        }
    }

    private static Connection connect(String params) throws SQLException {
        String target = params.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + params.substring(1);
        return DriverManager.getConnection(target, user, password);
    }

    private static void createTable(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + db + "." + name + " (ts DateTime64(6, 'UTC'), price Float32, "
                    + "asset LowCardinality(String), side UInt8) ENGINE = MergeTree ORDER BY (ts, asset) "
                    + "SETTINGS non_replicated_deduplication_window = 100");
        }
    }

    private static String insert(String table) {
        return "INSERT INTO " + db + "." + table + " (ts, price, asset, side) VALUES (?, ?, ?, ?)";
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count() FROM " + table)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private static int insertRows(Connection c, String sql, int rows) throws SQLException {
        return insertRows(c, sql, 0, rows);
    }

    /** Rows first..first+rows-1 as one PreparedStatement batch; the sum of the update counts. */
    private static int insertRows(Connection c, String sql, int first, int rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = first; i < first + rows; i++) {
                ps.setTimestamp(1, Timestamp.from(FIRST_TS.plusSeconds(i)));
                ps.setFloat(2, 100.5f + i);
                ps.setString(3, "BTC" + i);
                ps.setInt(4, i % 2);
                ps.addBatch();
            }
            return Arrays.stream(ps.executeBatch()).sum();
        }
    }

    @Test
    void when_preparedBatchOfThreeRows_then_updateCountIs3_andSelectReturnsTypedValues() throws Exception {
        try (Connection c = connect("")) {
            createTable(c, "typed");
            assertEquals(3, insertRows(c, insert("typed"), 3));
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT ts, price, asset, side FROM " + db + ".typed ORDER BY ts")) {
                assertEquals("DateTime64(6, 'UTC')", rs.getMetaData().getColumnTypeName(1));
                assertEquals("LowCardinality(String)", rs.getMetaData().getColumnTypeName(3));
                for (int i = 0; i < 3; i++) {
                    assertTrue(rs.next());
                    Instant expected = FIRST_TS.plusSeconds(i);
                    // A ZonedDateTime in the column's zone; (getTimestamp gives the UTC wall clock in the JVM's
                    // zone: the driver's behaviour with any ClickHouse server).
                    ZonedDateTime ts = rs.getObject(1, ZonedDateTime.class);
                    assertEquals(expected, ts.toInstant());
                    assertEquals("UTC", ts.getZone().getId());
                    assertInstanceOf(Float.class, rs.getObject(2));
                    assertEquals(100.5f + i, rs.getFloat(2));
                    assertEquals("BTC" + i, rs.getString(3));
                    assertEquals(i % 2, rs.getInt(4));
                    assertEquals(i % 2, ((Number) rs.getObject(4)).intValue());
                }
                assertTrue(!rs.next());
            }
        }
    }

    @Test
    void when_insertWithTheDriversDefaultCompression_then_rowsArrive() throws Exception {
        // compress=1 (responses in ClickHouse's LZ4 block framing) is the driver's default; decompress=1 makes it
        // compress the request bodies too; compress=0 turns the response framing off.
        try (Connection c = connect("")) {
            createTable(c, "compressed");
            assertEquals(5, insertRows(c, insert("compressed"), 5));
        }
        try (Connection c = connect("?decompress=1")) {
            assertEquals(4, insertRows(c, insert("compressed"), 4));
            assertEquals(9, count(c, db + ".compressed"));
        }
        try (Connection c = connect("?compress=0")) {
            assertEquals(9, count(c, db + ".compressed"));
        }
    }

    @Test
    void when_tenThousandRowsInsertedAsOneBatch_then_allArrive() throws Exception {
        int rows = 10_000;
        try (Connection c = connect("")) {
            createTable(c, "bulk");
            long[] nanos = new long[3];
            for (int round = 0; round < nanos.length; round++) {
                long t0 = System.nanoTime();
                // distinct rows each round: the table's deduplication window would drop a repeated block
                assertEquals(rows, insertRows(c, insert("bulk"),
                        round * rows, rows));
                nanos[round] = System.nanoTime() - t0;
            }
            assertEquals(3L * rows, count(c, db + ".bulk"));
            Arrays.sort(nanos);
            System.out.printf("ChdbServerTest: %d-row batch insert through the front, median of 3: %.0f ms, "
                    + "%.0f rows/s%n", rows, nanos[1] / 1e6, rows / (nanos[1] / 1e9));
        }
    }

    @Test
    void when_rowBinaryInsertHoldsAnEmptyLine_then_everyRowArrives() throws Exception {
        // chDB ends data that follows an INSERT's query text at the first empty line; 2570 is 0A 0A 00 00 in
        // RowBinary. client-v2 sends the query in the URL and the rows as the body, as the driver's bulk insert does.
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + db + ".binary (k UInt32, s String) ENGINE = MergeTree ORDER BY k");
        }
        long[] keys = {1, 2570, 3, 0x0A0A0000L, 5};
        try (Client client = new Client.Builder().addEndpoint(new ClickHouseEndpoint(url, user, password).httpUrl())
                .setUsername(user).setPassword(password).build();
             InsertResponse r = client.insert("binary", List.of("k", "s"), out -> {
                 RowBinaryFormatSerializer w = new RowBinaryFormatSerializer(out);
                 for (long k : keys) {
                     w.writeUInt32(k);
                     w.writeString("a\n\nb" + k);
                 }
             }, ClickHouseFormat.RowBinary, new InsertSettings().setDatabase(db)).get(30, TimeUnit.SECONDS)) {
            assertEquals(keys.length, r.getWrittenRows());
        }
        try (Connection c = connect(""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT k, s FROM " + db + ".binary ORDER BY k")) {
            for (long k : Arrays.stream(keys).sorted().toArray()) {
                assertTrue(rs.next());
                assertEquals(k, rs.getLong(1));
                assertEquals("a\n\nb" + k, rs.getString(2));
            }
            assertTrue(!rs.next());
        }
    }

    @Test
    void when_syntaxError_then_sqlExceptionWithCode62() throws Exception {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("SELEKT 1"));
            assertTrue(e.getMessage().contains("Code: 62"), e.getMessage());
        }
    }

    @Test
    void when_unknownTable_then_sqlExceptionWithCode60() throws Exception {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM " + db + ".nope"));
            assertTrue(e.getMessage().contains("Code: 60"), e.getMessage());
        }
    }

    @Test
    void when_wrongPassword_then_sqlExceptionWithCode516() {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = DriverManager.getConnection(url, user, "wrong");
                 Statement st = c.createStatement()) {
                st.executeQuery("SELECT 1");
            }
        });
        assertTrue(String.valueOf(e.getMessage()).contains("Code: 516")
                || String.valueOf(e.getCause()).contains("Code: 516"), String.valueOf(e));
    }

    @Test
    void when_restartedOrKilled_then_rowsRemain() throws Exception {
        assumeTrue(server != null, "restarts only the chDB engine");
        try (Connection c = connect("")) {
            createTable(c, "durable");
            insertRows(c, insert("durable"), 3);
        }
        server.restart();
        try (Connection c = connect("")) {
            assertEquals(3, count(c, db + ".durable"));
            insertRows(c, insert("durable"), 2);
        }
        server.kill();
        assertThrows(SQLException.class, () -> {
            try (Connection c = connect("")) {
                count(c, db + ".durable");
            }
        });
        server.restart();
        try (Connection c = connect("")) {
            assertEquals(5, count(c, db + ".durable"));
        }
    }

    @Test
    void when_sameInsertTwiceWithTheSameDeduplicationToken_then_oneCopyIsKept() throws Exception {
        try (Connection c = connect("")) {
            createTable(c, "dedup");
            // As ClickHouseStore sends it: the token in the INSERT's SETTINGS clause.
            String sql = "INSERT INTO " + db + ".dedup (ts, price, asset, side) SETTINGS insert_deduplication_token = "
                    + "'batch-1:" + db + ".dedup' VALUES (?, ?, ?, ?)";
            insertRows(c, sql, 0, 3);
            insertRows(c, sql, 0, 3);
            assertEquals(3, count(c, db + ".dedup"));
            insertRows(c, sql, 10, 3); // other rows, same token: the token alone decides
            assertEquals(3, count(c, db + ".dedup"));
            insertRows(c, sql.replace("batch-1", "batch-2"), 0, 3); // same rows, new token: kept
            assertEquals(6, count(c, db + ".dedup"));
        }
        // The same as a server setting of the connection (a URL parameter on every request).
        try (Connection c = connect("?clickhouse_setting_insert_deduplication_token=batch-3")) {
            String sql = insert("dedup");
            insertRows(c, sql, 20, 2);
            insertRows(c, sql, 30, 2);
            assertEquals(8, count(c, db + ".dedup"));
        }
    }
}
