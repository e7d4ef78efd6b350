package io.dolphin.datalayer.common;

import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.BatchStage;
import com.hazelcast.jet.pipeline.GeneralStage;
import com.hazelcast.jet.pipeline.Sink;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.StreamStage;

/**
 * The dead-letter path every job shares: rejected records go to {@code DOLPHIN_DEAD_LETTERS} with their
 * reason and are counted in the job's {@value #METRIC} metric (visible in Management Center, JMX and
 * {@code bin/dolphin jobs}); accepted records continue.
 */
public final class DeadLetters {

    /** Jet user metric, tagged by Jet with the job and the stage that rejected the record. */
    public static final String METRIC = "deadLetters";

    private DeadLetters() {
    }

    /** Sends the rejected outcomes of {@code stage} to the dead-letter map and returns the accepted values. */
    public static <T> StreamStage<T> divert(StreamStage<Outcome<T>> stage) {
        writeRejected(stage);
        return stage.filter(Outcome::isAccepted).setName(stage.name() + "-accepted")
                    .map(Outcome::value).setName(stage.name() + "-value");
    }

    /** The batch-pipeline twin of {@link #divert(StreamStage)}. */
    public static <T> BatchStage<T> divert(BatchStage<Outcome<T>> stage) {
        writeRejected(stage);
        return stage.filter(Outcome::isAccepted).setName(stage.name() + "-accepted")
                    .map(Outcome::value).setName(stage.name() + "-value");
    }

    private static <T> void writeRejected(GeneralStage<Outcome<T>> stage) {
        stage.filter(o -> !o.isAccepted())
             .setName(stage.name() + "-rejected")
             .map(DeadLetters::countAndUnwrap)
             .setName(stage.name() + "-dead-letters")
             .writeTo(sink());
    }

    /** Counts and writes the dead letters a custom processor emits itself. */
    public static void write(StreamStage<DeadLetter> deadLetters, String stageName) {
        deadLetters.map(DeadLetters::count).setName(stageName).writeTo(sink()).setName(stageName + "-sink");
    }

    /** A sink for dead letters a custom processor produces itself. */
    public static Sink<DeadLetter> sink() {
        DeadLetterCodec codec = new DeadLetterCodec();
        return Sinks.map(DolphinMaps.DEAD_LETTERS, DeadLetter::key, codec::encode);
    }

    private static DeadLetter count(DeadLetter deadLetter) {
        Metrics.metric(METRIC).increment();
        return deadLetter;
    }

    private static DeadLetter countAndUnwrap(Outcome<?> outcome) {
        return count(outcome.deadLetter());
    }
}
