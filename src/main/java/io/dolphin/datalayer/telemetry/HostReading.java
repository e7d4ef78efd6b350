package io.dolphin.datalayer.telemetry;

import java.io.Serializable;

/**
 * What one member's sampler read at one sampling instant: a sample, or why there is none.
 *
 * @param bucket the sampling instant as a multiple of the interval: every member samples at the same instants,
 *               so (host, bucket) names one sample per host and interval whatever the number of members there
 */
record HostReading(String host, long bucket, SystemStats stats, String error, String file, String content)
        implements Serializable {
}
