package io.dolphin.datalayer.acb;

import com.hazelcast.jet.aggregate.AggregateOperation;
import com.hazelcast.jet.aggregate.AggregateOperation1;

/**
 * The ACB's window aggregation: per condition, how many samples carried the factor and in how many the condition
 * held (see {@link AcbWindowCounts}). Counts combine exactly, so Jet may pre-aggregate per 30 s frame and per
 * member and combine the frames of a window later; heartbeats create a frame but count nothing.
 */
final class AcbAggregation {

    private AcbAggregation() {
    }

    public static AggregateOperation1<ExfSample, AcbWindowCounts, AcbWindowCounts> counts(AcbFormula formula) {
        return AggregateOperation
                .withCreate(AcbWindowCounts::new)
                .<ExfSample>andAccumulate((acc, sample) -> acc.add(sample, formula))
                .andCombine(AcbWindowCounts::combine)
                // A sliding window exports the same frame accumulators into several windows: hand out copies.
                .andExportFinish(AcbWindowCounts::copy);
    }
}
