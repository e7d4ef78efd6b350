package io.dolphin.datalayer.warm;

import com.hazelcast.logging.AbstractLogger;
import com.hazelcast.logging.LogEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

/** Keeps what was logged at INFO and above, so a test can check that an operator is told. */
final class RecordingLogger extends AbstractLogger {

    record Line(Level level, String message) {
    }

    private final List<Line> lines = new ArrayList<>();

    List<Line> at(Level level) {
        return lines.stream().filter(l -> l.level().equals(level)).toList();
    }

    @Override
    public void log(Level level, String message) {
        log(level, message, null);
    }

    @Override
    public void log(Level level, String message, Throwable thrown) {
        if (isLoggable(level)) {
            lines.add(new Line(level, message));
        }
    }

    @Override
    public void log(LogEvent logEvent) {
        log(logEvent.getLogRecord().getLevel(), logEvent.getLogRecord().getMessage());
    }

    @Override
    public Level getLevel() {
        return Level.INFO;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level.intValue() >= Level.INFO.intValue();
    }
}
