package io.dolphin.datalayer.warm.jet;

import io.dolphin.datalayer.warm.MappedEvent;
import io.dolphin.datalayer.warm.WriteWarmStoreP;
import io.dolphin.datalayer.warm.WriterPolicy;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import com.hazelcast.jet.core.ProcessorMetaSupplier;
import com.hazelcast.jet.core.ProcessorSupplier;
import com.hazelcast.jet.impl.pipeline.SinkImpl;
import com.hazelcast.jet.pipeline.Sink;

/** Factory of the warm-store sink. */
public final class WarmSinks {

    static final String NAME = "warm-store";

    private WarmSinks() {
    }

    /**
     * The warm store as a Jet sink of {@link MappedEvent}s. Exactly one processor in the cluster writes: a DuckDB file
     * admits one writing process, ClickHouse prefers few large inserts, and one writer keeps the ledger simple.
     * Events of one journal partition must arrive in sequence order (the pipeline routes them by partition).
     *
     * <p>The public {@code Sinks.fromProcessor} gives a local edge, which would feed a single processor only from its
     * own member; Jet's own single-writer sinks ({@code Sinks.list}) use this distributed all-to-one edge, keyed by the
     * same name as the member the processor is placed on.
     */
    public static Sink<MappedEvent> warmStore(String jobName, WarmStoreConfig config, WriterPolicy policy) {
        return new SinkImpl<>(NAME, ProcessorMetaSupplier.forceTotalParallelismOne(
                ProcessorSupplier.of(() -> new WriteWarmStoreP(jobName, config, policy)), NAME),
                SinkImpl.Type.TOTAL_PARALLELISM_ONE);
    }
}
