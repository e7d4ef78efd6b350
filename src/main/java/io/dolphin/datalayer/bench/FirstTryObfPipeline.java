package io.dolphin.datalayer.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import com.hazelcast.jet.kafka.KafkaSources;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.obf.OrderBookFeatureCalculator;
import io.dolphin.datalayer.obf.OrderBookFeaturesCodec;
import io.dolphin.datalayer.obf.OrderBookSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;

import static com.hazelcast.jet.Util.entry;

/**
 * The obf-ingest pipeline a Jet user writes first, the peer of {@code obf-ingest}'s benchmark: Jet's Kafka source, a
 * {@code map} stage that parses each book with jackson-jr into maps and lists and computes the same features with the
 * same calculator and codec, {@code Sinks.map}. No order guard, no validation beyond what the parse needs, no dead
 * letters, no processing guarantee: what the job adds on top of this is what the ratio prices. Nor any order: the
 * {@code map} stage takes records round robin, so a symbol's books can reach the map out of order and a key can end on
 * an older book; the benchmark therefore times it by the books it has turned into values ({@link #BOOKS}, this JVM's
 * member), not by the keys' last values.
 */
final class FirstTryObfPipeline {

    /**
     * Books turned into hot values by the pipelines running in this JVM. A LongAdder: both map processors count every
     * book, and a contended AtomicLong would slow the peer for the benchmark's sake.
     */
    static final LongAdder BOOKS = new LongAdder();

    private FirstTryObfPipeline() {
    }

    static Pipeline of(Properties consumer, String topic, String map, OrderBookFeatureCalculator.Params params) {
        OrderBookFeatureCalculator calculator = new OrderBookFeatureCalculator(params);
        OrderBookFeaturesCodec codec = new OrderBookFeaturesCodec();
        Pipeline p = Pipeline.create();
        p.readFrom(KafkaSources.<String, byte[]>kafka(consumer, topic))
                .withoutTimestamps()
                .map(r -> {
                    OrderBookSnapshot book = parse(r.getValue());
                    BOOKS.increment();
                    return entry(FeatureKeys.orderBook(book.symbol()), codec.encode(calculator.compute(book)));
                })
                .writeTo(Sinks.map(map));
        return p;
    }

    /** A book as jackson-jr's databinding gives it: a map of lists of lists of numbers. */
    static OrderBookSnapshot parse(byte[] json) {
        try {
            Map<String, Object> m = JSON.std.mapFrom(json);
            List<?> bids = (List<?>) m.get("bids");
            List<?> asks = (List<?>) m.get("asks");
            double[][] b = levels(bids);
            double[][] a = levels(asks);
            return new OrderBookSnapshot((String) m.get("symbol"), ((Number) m.get("ts")).longValue(), b[0], b[1],
                    a[0], a[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[][] levels(List<?> side) {
        double[][] out = new double[2][side.size()];
        for (int i = 0; i < side.size(); i++) {
            List<?> level = (List<?>) side.get(i);
            out[0][i] = ((Number) level.get(0)).doubleValue();
            out[1][i] = ((Number) level.get(1)).doubleValue();
        }
        return out;
    }
}
