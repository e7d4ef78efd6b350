package io.dolphin.datalayer.acb;

import java.io.Serializable;

/**
 * What the ACB reads from one {@code exf_latest} update: its event time and the four stress factors (null when
 * the update did not carry that factor). A heartbeat is not a sample: it only carries time forward while the
 * factors are silent, so that windows still close (see {@code jobs.AcbJob}).
 *
 * @param tsMillis      event time, epoch milliseconds
 * @param writerStamped true when the event time came from the writer's timestamp field; false when the job
 *                      fell back to the time it read the update
 */
record ExfSample(long tsMillis, boolean writerStamped, Double fundingBtc, Double dvol, Double fearGreed,
                        Double taker, boolean heartbeat) implements Serializable {

    private static final ExfSample HEARTBEAT = new ExfSample(0, false, null, null, null, null, true);

    public static ExfSample of(long tsMillis, boolean writerStamped, Double fundingBtc, Double dvol,
                               Double fearGreed, Double taker) {
        return new ExfSample(tsMillis, writerStamped, fundingBtc, dvol, fearGreed, taker, false);
    }

    /** A heartbeat; its time travels in its Jet event timestamp, not in the item. */
    public static ExfSample tick() {
        return HEARTBEAT;
    }

    /** The factor a condition looks at, or null when this update did not carry it. */
    public Double factor(AcbCondition condition) {
        return switch (condition) {
            case FUNDING_BTC -> fundingBtc;
            case DVOL -> dvol;
            case FEAR_GREED -> fearGreed;
            case TAKER -> taker;
        };
    }
}
