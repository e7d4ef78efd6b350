package io.dolphin.datalayer.warmup;

import io.dolphin.datalayer.warm.store.Dialect;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import io.dolphin.datalayer.common.WarmTable;
import com.hazelcast.jet.pipeline.BatchSource;
import com.hazelcast.jet.pipeline.SourceBuilder;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw last value of every key of every map, as the warm sink recorded it in {@code hz_last_values} of both
 * databases: what hz-warmup puts back after a full cluster restart. A batch source with one reader.
 */
final class LastValuesSource {

    private static final int ROWS_PER_FILL = 1_000;

    private LastValuesSource() {
    }

    /** One key of one map and the exact JSON text it held. */
    public record Entry(String map, String key, String value) implements Serializable {
    }

    public static BatchSource<Entry> of(WarmStoreConfig config) {
        return SourceBuilder.batch("warm-store-last-values", ctx -> new Reader(config))
                .<Entry>fillBufferFn(Reader::fill)
                .destroyFn(Reader::close)
                .build();
    }

    private static final class Reader {
        private final Connection connection;
        private final Statement statement;
        private final List<String> queries;
        private int next;
        private ResultSet rows;

        Reader(WarmStoreConfig config) throws SQLException {
            connection = config.connect();
            statement = connection.createStatement();
            String only = config.dialect() == Dialect.CLICKHOUSE ? " FINAL WHERE is_deleted = 0" : "";
            List<String> found = new ArrayList<>();
            for (String db : List.of(WarmTable.BLUE, WarmTable.GREEN)) {
                if (hasLastValues(db)) {
                    found.add("SELECT map, key, value FROM " + db + ".hz_last_values" + only);
                }
            }
            // A store the warm sink never wrote (the first deployment) has nothing to restore: not an error.
            queries = List.copyOf(found);
        }

        private boolean hasLastValues(String db) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM information_schema.tables "
                    + "WHERE table_schema = ? AND table_name = 'hz_last_values'")) {
                ps.setString(1, db);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getLong(1) > 0;
                }
            }
        }

        void fill(SourceBuilder.SourceBuffer<Entry> buffer) throws SQLException {
            if (rows == null) {
                if (next == queries.size()) {
                    buffer.close();
                    return;
                }
                rows = statement.executeQuery(queries.get(next++));
            }
            for (int n = 0; n < ROWS_PER_FILL; n++) {
                if (!rows.next()) {
                    rows.close();
                    rows = null;
                    return;
                }
                buffer.add(new Entry(rows.getString(1), rows.getString(2), rows.getString(3)));
            }
        }

        void close() throws SQLException {
            connection.close();
        }
    }
}
