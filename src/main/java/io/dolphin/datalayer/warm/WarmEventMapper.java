package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.MalformedJsonException;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.DeadLetter;

import java.util.List;

/** Stage 2 of dolphin-warm-sink: a journal event becomes its rows, or its rejection. Never drops an event. */
public final class WarmEventMapper {

    private WarmEventMapper() {
    }

    public static MappedEvent map(JournalEvent event) {
        JournalEvent slim = event.withoutOldValue();
        RowMapper mapper = WarmRoutes.mapperFor(event.map(), event.key());
        if (event.removed() || mapper == null) {
            return new MappedEvent(slim, List.of(), null);
        }
        try {
            RowMapper.Ordered ordered = mapper.orderedRows(event, DolphinMaps.isGreen(event.map()));
            return new MappedEvent(slim, ordered.rows(), null, ordered.valueOrder());
        } catch (MalformedJsonException | IllegalArgumentException e) {
            return new MappedEvent(slim, List.of(), e.getMessage());
        }
    }

    /** The dead letter of a rejected event; its source is the journal position, so a replay overwrites it. */
    public static DeadLetter deadLetter(String jobName, MappedEvent rejected) {
        return DeadLetter.of(jobName, rejected.event().describe(), rejected.rejection(), rejected.event().value(),
                System.currentTimeMillis());
    }
}
