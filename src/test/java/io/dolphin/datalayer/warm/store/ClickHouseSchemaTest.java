package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.cli.DolphinCli;
import io.dolphin.datalayer.common.DolphinEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/dolphin schema apply --target clickhouse} on an empty ClickHouse, read back from {@code system.tables}
 * and {@code system.columns} and compared with the reference's tables (transcribed in
 * {@code reference/clickhouse-schema.txt}, independently of {@code sql/clickhouse}).
 */
class ClickHouseSchemaTest {

    private static final List<String> DATABASES = List.of("dolphin", "dolphin_green");

    @TempDir
    static Path dir;
    private static ClickHouseTarget clickHouse;
    private static Reference reference;

    @BeforeAll
    static void applyTwiceOnAnEmptyServer() throws Exception {
        clickHouse = ClickHouseTarget.start(dir.resolve("clickhouse"));
        reference = Reference.load();
        try (Connection c = clickHouse.config(false).connect(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS dolphin");
            st.execute("DROP DATABASE IF EXISTS dolphin_green");
        }
        assertEquals(0, applyWithTheLauncher());
    }

    @AfterAll
    static void stop() {
        DolphinEnvironment.clearOverrides();
        if (clickHouse != null) {
            clickHouse.close();
        }
    }

    private static int applyWithTheLauncher() {
        DolphinEnvironment.override(Map.of("DOLPHIN_WARM_USER", clickHouse.user(),
                "DOLPHIN_WARM_PASSWORD", clickHouse.password()));
        return DolphinCli.run("schema", "apply", "--target", "clickhouse", "--url", clickHouse.url());
    }

    @Test
    void when_applied_then_everyReferenceColumnHasItsNameTypeAndPlace() throws Exception {
        for (String db : DATABASES) {
            for (Map.Entry<String, List<String>> t : reference.tables.entrySet()) {
                assertEquals(t.getValue(), columns(db, t.getKey()), db + "." + t.getKey() + " columns");
            }
        }
    }

    @Test
    void when_applied_then_enginesKeysPartitionsAndTtlsAreTheReferences() throws Exception {
        for (String db : DATABASES) {
            for (Map.Entry<String, Map<String, String>> t : reference.properties.entrySet()) {
                Map<String, String> actual = tableProperties(db, t.getKey());
                for (Map.Entry<String, String> p : t.getValue().entrySet()) {
                    if (p.getKey().equals("ttl")) {
                        // system.tables has no TTL column: it is in the stored CREATE statement
                        String ttl = "TTL toDateTime(ts) + toInterval" + ttlUnit(p.getValue());
                        assertTrue(actual.get("create").contains(ttl), db + "." + t.getKey() + " has " + ttl + ": "
                                + actual.get("create"));
                    } else {
                        assertEquals(p.getValue(), actual.get(p.getKey()), db + "." + t.getKey() + " " + p.getKey());
                    }
                }
            }
        }
    }

    @Test
    void when_applied_then_theSixViewsExistAndReturnTheReferenceColumns() throws Exception {
        try (Connection c = clickHouse.config(false).connect(); Statement st = c.createStatement()) {
            for (String db : DATABASES) {
                for (Map.Entry<String, List<String>> v : reference.views.entrySet()) {
                    try (ResultSet rs = st.executeQuery("SELECT * FROM " + db + "." + v.getKey() + " LIMIT 0")) {
                        ResultSetMetaData md = rs.getMetaData();
                        List<String> names = new ArrayList<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            names.add(md.getColumnName(i));
                        }
                        assertTrue(names.containsAll(v.getValue()), db + "." + v.getKey() + " returns " + names
                                + ", the reference lists " + v.getValue());
                        if (!v.getKey().equals("v_scan_causal_chain")) {
                            assertEquals(v.getValue(), names, db + "." + v.getKey());
                        }
                    }
                }
            }
        }
    }

    @Test
    void when_appliedAgain_then_nothingChanges() throws Exception {
        Map<String, String> before = createStatements();
        assertEquals(0, applyWithTheLauncher());
        assertEquals(before, createStatements());
    }

    private static String ttlUnit(String reference) {
        String[] p = reference.split(" ");
        String unit = p[1].charAt(0) + p[1].substring(1).toLowerCase();
        return unit + "(" + p[0] + ")";
    }

    private static List<String> columns(String db, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = clickHouse.config(false).connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, type FROM system.columns WHERE database = '" + db
                     + "' AND table = '" + table + "' ORDER BY position")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return out;
    }

    private static Map<String, String> tableProperties(String db, String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = clickHouse.config(false).connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT engine, partition_key, sorting_key, create_table_query"
                     + " FROM system.tables WHERE database = '" + db + "' AND name = '" + table + "'")) {
            assertTrue(rs.next(), db + "." + table + " exists");
            out.put("engine", rs.getString(1));
            out.put("partition", rs.getString(2));
            out.put("order", rs.getString(3));
            out.put("create", rs.getString(4));
        }
        return out;
    }

    private static Map<String, String> createStatements() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = clickHouse.config(false).connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT database || '.' || name, create_table_query FROM system.tables"
                     + " WHERE database IN ('dolphin', 'dolphin_green')")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** The reference's tables, table properties and views. */
    private record Reference(Map<String, List<String>> tables, Map<String, Map<String, String>> properties,
                             Map<String, List<String>> views) {

        static Reference load() throws IOException {
            Map<String, List<String>> tables = new LinkedHashMap<>();
            Map<String, Map<String, String>> properties = new LinkedHashMap<>();
            Map<String, List<String>> views = new LinkedHashMap<>();
            String text;
            try (InputStream in = ClickHouseSchemaTest.class.getResourceAsStream("/reference/clickhouse-schema.txt")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String table = null;
            String view = null;
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("table ")) {
                    table = line.substring(6).trim();
                    view = null;
                    tables.put(table, new ArrayList<>());
                } else if (line.startsWith("view ")) {
                    view = line.substring(5).trim();
                    table = null;
                } else if (view != null) {
                    views.put(view, List.of(line.trim().split(" ")));
                } else if (line.startsWith("@")) {
                    int space = line.indexOf(' ');
                    properties.computeIfAbsent(table, k -> new LinkedHashMap<>())
                            .put(line.substring(1, space), line.substring(space + 1).trim());
                } else {
                    tables.get(table).add(line.trim());
                }
            }
            return new Reference(tables, properties, views);
        }
    }
}
