package io.dolphin.datalayer.cold;

import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ClickHouse, read over its HTTP interface with the JDK's client: catalog and counts as {@code TabSeparated}, each
 * day as {@code SELECT … FORMAT Parquet} streamed straight into the file (the server encodes it; no row passes
 * through Java). The HTTP address is the JDBC URL's host and port ({@code jdbc:clickhouse://host:8123},
 * {@code ?ssl=true} for https); user and password go in ClickHouse's {@code X-ClickHouse-User}/{@code -Key} headers.
 *
 * <p>Rows are ordered by every column ({@code ORDER BY ALL}): a MergeTree scan has no order of its own, and a file
 * written again from the same rows must come out the same. Day bounds are {@code DateTime64} literals in UTC.
 */
final class ClickHouseColdSource implements ColdSource {

    /** zstd like DuckDB's files; strings as strings (not binary); the day's rows as one sorted stream. */
    private static final String PARQUET_SETTINGS = "output_format_parquet_compression_method=zstd"
            + "&output_format_parquet_string_as_string=1";

    private final URI base;
    private final WarmStoreConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ClickHouseColdSource(WarmStoreConfig config) {
        this.config = config;
        this.base = httpBase(config.url());
    }

    /** {@code jdbc:clickhouse://h:p/db?ssl=true} (or {@code jdbc:ch:}, or {@code jdbc:clickhouse:http://h:p}) → {@code https://h:p/}. */
    static URI httpBase(String jdbcUrl) {
        String rest = jdbcUrl.replaceFirst("(?i)^jdbc:(clickhouse|ch):", "");
        boolean ssl = rest.toLowerCase(Locale.ROOT).matches(".*[?&]ssl=true.*");
        String scheme = ssl ? "https" : "http";
        if (rest.matches("(?i)^https?://.*")) {
            scheme = rest.substring(0, rest.indexOf(':')).toLowerCase(Locale.ROOT);
            rest = rest.substring(rest.indexOf("//"));
        }
        if (!rest.startsWith("//")) {
            throw new IllegalArgumentException("cannot find host and port in the ClickHouse URL " + jdbcUrl);
        }
        String hostPort = rest.substring(2).split("[/?]", 2)[0];
        return URI.create(scheme + "://" + hostPort + "/");
    }

    @Override
    public List<ColdTable> tables() throws SQLException {
        List<String[]> rows = new ArrayList<>();
        String dbs = "('" + WarmTable.BLUE + "', '" + WarmTable.GREEN + "')";
        for (String line : lines(text("SELECT c.database, c.table, c.name FROM system.columns c"
                + " JOIN system.tables t ON t.database = c.database AND t.name = c.table"
                + " WHERE c.database IN " + dbs + " AND c.name IN ('ts', 'date')"
                + " AND t.engine NOT IN ('View', 'MaterializedView', 'LiveView') FORMAT TabSeparated"))) {
            rows.add(line.split("\t", 3));
        }
        return ColdTables.from(rows);
    }

    @Override
    public Map<LocalDate, Long> rowsPerDay(ColdTable table, LocalDate onlyDay) throws SQLException {
        Map<LocalDate, Long> days = new LinkedHashMap<>();
        String day = table.hasTs() ? "toDate(ts, 'UTC')" : table.dayColumn();
        for (String line : lines(text("SELECT toString(" + day + ") AS d, count() FROM " + table.qualified()
                + (onlyDay == null ? "" : " WHERE " + dayBounds(table, onlyDay))
                + " GROUP BY d ORDER BY d FORMAT TabSeparated"))) {
            String[] f = line.split("\t", 2);
            days.put(LocalDate.parse(f[0]), Long.parseLong(f[1]));
        }
        return days;
    }

    @Override
    public void writeDay(ColdTable table, LocalDate day, Path target) throws SQLException, IOException {
        String sql = "SELECT * FROM " + table.qualified() + " WHERE " + dayBounds(table, day)
                + " ORDER BY ALL FORMAT Parquet";
        HttpResponse<Path> response = send(sql, PARQUET_SETTINGS, HttpResponse.BodyHandlers.ofFile(target,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        if (response.statusCode() != 200) {
            String body = Files.readString(target, StandardCharsets.UTF_8);
            Files.deleteIfExists(target);
            throw storeError(response.statusCode(), body);
        }
    }

    private static String dayBounds(ColdTable table, LocalDate day) {
        return table.hasTs()
                ? "ts >= toDateTime64('" + day + " 00:00:00', 6, 'UTC') AND ts < toDateTime64('" + day.plusDays(1)
                        + " 00:00:00', 6, 'UTC')"
                : table.dayColumn() + " = toDate('" + day + "')";
    }

    private String text(String sql) throws SQLException {
        HttpResponse<String> r = send(sql, "", HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw storeError(r.statusCode(), r.body());
        }
        return r.body();
    }

    private <T> HttpResponse<T> send(String sql, String settings, HttpResponse.BodyHandler<T> handler)
            throws SQLException {
        String query = "query_id=" + URLEncoder.encode("dolphin-cold-" + System.nanoTime(), StandardCharsets.UTF_8)
                + (settings.isEmpty() ? "" : "&" + settings);
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/?" + query))
                .timeout(Duration.ofHours(1))
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8));
        if (config.user() != null && !config.user().isBlank()) {
            b.header("X-ClickHouse-User", config.user());
        }
        if (config.password() != null && !config.password().isEmpty()) {
            b.header("X-ClickHouse-Key", config.password());
        }
        try {
            return http.send(b.build(), handler);
        } catch (IOException e) {
            throw new SQLTransientConnectionException("ClickHouse at " + base + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for ClickHouse at " + base, e);
        }
    }

    private static SQLException storeError(int status, String body) {
        String first = body == null ? "" : body.strip().lines().findFirst().orElse("");
        return new SQLException("ClickHouse answered HTTP " + status + ": " + first);
    }

    private static List<String> lines(String body) {
        return body.lines().filter(l -> !l.isEmpty()).toList();
    }

    @Override
    public String describe() {
        return base.toString();
    }

    @Override
    public void close() {
        // the JDK client keeps no connection worth closing
    }
}
