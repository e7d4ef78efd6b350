package io.dolphin.datalayer.acb;

import com.hazelcast.function.FunctionEx;
import com.hazelcast.function.SupplierEx;
import com.hazelcast.function.ToLongFunctionEx;
import com.hazelcast.jet.core.Processor;
import com.hazelcast.jet.core.TimestampKind;
import com.hazelcast.jet.core.Watermark;
import com.hazelcast.jet.core.processor.Processors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.hazelcast.jet.core.SlidingWindowPolicy.slidingWinPolicy;
import static com.hazelcast.jet.core.test.TestSupport.verifyProcessor;

/**
 * {@link AcbAggregation} inside Jet's sliding-window processor, as {@code acb-window} runs it, under
 * {@code TestSupport}: every inbox size, and a snapshot taken and restored into a new processor after every item, must
 * give the same windows, each counting the samples of its own three frames. The window state is Jet's; what this
 * proves is that the ACB's counts accumulate, combine across frames and survive a snapshot as that state.
 */
class AcbAggregationTest {

    private static final long SLIDE = 30;
    private static final long SIZE = 3 * SLIDE;

    private static ExfSample dvol(long tsMillis, double dvol) {
        return ExfSample.of(tsMillis, true, null, dvol, null, null);
    }

    @Test
    void when_samplesInOverlappingWindows_then_eachWindowCountsItsOwnAcrossSnapshotRestore() {
        List<FunctionEx<?, ? extends String>> oneKey = List.of((FunctionEx<ExfSample, String>) s -> "exf_latest");
        List<ToLongFunctionEx<?>> eventTime = List.of((ToLongFunctionEx<ExfSample>) ExfSample::tsMillis);

        SupplierEx<Processor> window = Processors.<String, AcbWindowCounts, AcbWindowCounts, String>
                aggregateToSlidingWindowP(oneKey, eventTime, TimestampKind.EVENT, slidingWinPolicy(SIZE, SLIDE), 0L,
                        AcbAggregation.counts(AcbFormula.reference()),
                        (start, end, key, counts, early) -> "[" + start + "," + end + ") samples " + counts.samples()
                                + ", dvol > 55 in " + counts.held(AcbCondition.DVOL) + " of "
                                + counts.seen(AcbCondition.DVOL));

        verifyProcessor(window)
                .input(List.of(dvol(10, 60), dvol(40, 50), dvol(70, 60), new Watermark(200)))
                .expectOutput(List.of(
                        "[-60,30) samples 1, dvol > 55 in 1 of 1",
                        "[-30,60) samples 2, dvol > 55 in 1 of 2",
                        "[0,90) samples 3, dvol > 55 in 2 of 3",
                        "[30,120) samples 2, dvol > 55 in 1 of 2",
                        "[60,150) samples 1, dvol > 55 in 1 of 1",
                        new Watermark(200)));
    }
}
