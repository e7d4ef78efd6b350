package io.dolphin.datalayer.bench;

import io.dolphin.datalayer.obf.OrderBookSnapshotCodec;
import io.dolphin.datalayer.sim.OrderBookFeed;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FirstTryObfPipelineTest {

    /** The peer must compute the job's features from the same numbers, or the ratio compares different work. */
    @Test
    void when_feedBookParsedWithJacksonJr_then_sameSnapshotAsTheJobsCodec() {
        OrderBookFeed.Generator generator = new OrderBookFeed.Generator(50, 10, 7);
        for (int i = 0; i < 500; i++) {
            byte[] book = generator.next().value();
            assertEquals(OrderBookSnapshotCodec.decode(book), FirstTryObfPipeline.parse(book));
        }
    }
}
