package io.dolphin.datalayer.cold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What a written Parquet file holds, read back from the file itself (an in-memory DuckDB of its own, not the warm
 * store): its rows and {@code ts} range, its size and SHA-256. The manifest records these, so it describes the file,
 * whatever reached the store between counting and writing. A file the reader cannot open is not a Parquet file
 * (a write cut short, or an error the server sent after it had begun).
 */
record ParquetFacts(long rows, Long minTsMicros, Long maxTsMicros, long bytes, String sha256) {

    static ParquetFacts of(Path file, boolean hasTs) throws SQLException, IOException {
        String f = DuckDbColdSource.quoted(file);
        String sql = hasTs
                ? "SELECT count(*), epoch_us(min(ts)), epoch_us(max(ts)) FROM read_parquet('" + f + "')"
                : "SELECT count(*), NULL, NULL FROM read_parquet('" + f + "')";
        // the checksum reads the file on another thread while DuckDB reads rows and range: both are needed
        CompletableFuture<String> sha = CompletableFuture.supplyAsync(() -> {
            try {
                return sha256(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long rows;
        Long min;
        Long max;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            rows = rs.getLong(1);
            min = (Long) rs.getObject(2, Long.class);
            max = (Long) rs.getObject(3, Long.class);
        }
        try {
            return new ParquetFacts(rows, min, max, Files.size(file), sha.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
