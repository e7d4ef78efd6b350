package io.dolphin.datalayer.cold;

import io.dolphin.datalayer.warm.store.Dialect;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/** The entry points another package (the launcher, the demo, the benchmark) uses: an export or a verify of one store. */
public final class ColdSources {

    private ColdSources() {
    }

    static ColdSource of(WarmStoreConfig store) {
        return store.dialect() == Dialect.DUCKDB ? new DuckDbColdSource(store) : new ClickHouseColdSource(store);
    }

    /** Runs one export against {@code store} into {@code coldRoot}; {@code scanRoot} null: no backtest cache. */
    public static ExportReport export(WarmStoreConfig store, Path coldRoot, Path scanRoot, String targetAsset,
                                      ExportRequest request, Consumer<String> log) {
        try (ColdSource source = of(store)) {
            return new ColdExport(source, coldRoot, scanRoot, targetAsset, Clock.systemUTC(), log).run(request);
        }
    }

    public static VerifyReport verify(WarmStoreConfig store, Path coldRoot, Consumer<String> log) {
        try (ColdSource source = of(store)) {
            return new ColdVerify(source, coldRoot, log).run();
        }
    }
}
