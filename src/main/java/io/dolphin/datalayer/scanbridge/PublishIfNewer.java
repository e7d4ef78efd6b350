package io.dolphin.datalayer.scanbridge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.hazelcast.map.EntryProcessor;

import java.io.IOException;
import java.util.Map;

/**
 * Writes a scan into {@code DOLPHIN_FEATURES["latest_eigen_scan"]} only when its {@code scan_number} is higher than
 * the one stored, so the key never goes backwards: not for a late file, not for a replay after a job restart, not
 * for a second writer. It runs on the partition thread that owns the key, which makes compare-and-set atomic
 * without locks (the CP Subsystem is not available in the community edition). The same instance runs on the
 * backup replica, which holds the same value and so reaches the same decision.
 *
 * <p>Returns the scan number stored before ({@link #NONE} when the key was empty or held no readable scan
 * number); {@link #publication} turns that into what happened. An unreadable stored value is replaced, because a valid
 * scan is better than a value no reader can use.
 */
public final class PublishIfNewer implements EntryProcessor<String, String, Long> {

    public static final long NONE = -1;
    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * What a publish attempt did. Not {@code common.Outcome} (a parsed value or its dead letter): every scan that
     * reaches the guard was accepted, this says what the key made of it.
     */
    public enum Publication {
        /** The key now holds the scan. */
        PUBLISHED,
        /** The key already held this scan number (a replay): nothing changed, nothing journaled. */
        ALREADY_PUBLISHED,
        /** The key holds a newer scan: this one is late and was dropped. */
        STALE
    }

    private final long scanNumber;
    private final String json;

    public PublishIfNewer(long scanNumber, String json) {
        this.scanNumber = scanNumber;
        this.json = json;
    }

    @Override
    public Long process(Map.Entry<String, String> entry) {
        long previous = scanNumberOf(entry.getValue());
        if (previous < scanNumber) {
            entry.setValue(json);
        }
        return previous;
    }

    public static Publication publication(long scanNumber, long previous) {
        if (previous < scanNumber) {
            return Publication.PUBLISHED;
        }
        return previous == scanNumber ? Publication.ALREADY_PUBLISHED : Publication.STALE;
    }

    /**
     * The top-level {@code scan_number} of a stored value, read with a streaming parser that stops as soon as it
     * has it (the bridge writes it first), or {@link #NONE}.
     */
    public static long scanNumberOf(String storedJson) {
        if (storedJson == null) {
            return NONE;
        }
        try (JsonParser p = JSON.createParser(storedJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return NONE;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("scan_number".equals(name)) {
                    return value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : wholeNumberOrNone(p, value);
                }
                p.skipChildren();
            }
            return NONE;
        } catch (IOException e) {
            return NONE;
        }
    }

    private static long wholeNumberOrNone(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_FLOAT) {
            return NONE;
        }
        double d = p.getDoubleValue();
        return Double.isFinite(d) && d == Math.rint(d) ? (long) d : NONE;
    }

    public long scanNumber() {
        return scanNumber;
    }
}
