package io.dolphin.datalayer.scanbridge;

import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * File-system notifications for the scan root and the followed date folders (inotify on Linux), so a new file is
 * read within a millisecond instead of at the next listing. It only speeds things up: the periodic listing stays
 * the source of truth, because notifications can overflow and network file systems do not send them for writes
 * made on other hosts. When notifications are off or unavailable, {@link #await} simply waits.
 */
final class FolderWatcher implements AutoCloseable {

    private static final ILogger LOG = Logger.getLogger(FolderWatcher.class);

    private final Path root;
    private final boolean enabled;
    private final WatchService service;
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private WatchKey signalled;
    private boolean failureLogged;

    /** What the notifications since the last drain said. */
    record Changes(Set<Path> files, boolean rescan) {
        static final Changes NONE = new Changes(Set.of(), false);
    }

    FolderWatcher(Path root, boolean enabled) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.enabled = enabled;
        this.service = FileSystems.getDefault().newWatchService();
    }

    /** Watches the root and exactly {@code folders}; called before the folders are listed. */
    void follow(List<Path> folders) {
        if (!enabled) {
            return;
        }
        keys.entrySet().removeIf(e -> {
            boolean drop = !e.getKey().equals(root) && !folders.contains(e.getKey());
            if (drop) {
                e.getValue().cancel();
            }
            return drop;
        });
        register(root, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
        for (Path folder : folders) {
            register(folder, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        }
    }

    /** Blocks until a notification arrives or {@code timeoutMillis} pass. */
    void await(long timeoutMillis) {
        if (signalled != null || timeoutMillis <= 0) {
            return;
        }
        try {
            signalled = service.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes every pending notification without blocking. */
    Changes drain() {
        if (!enabled) {
            return Changes.NONE;
        }
        Set<Path> files = new LinkedHashSet<>();
        boolean rescan = false;
        WatchKey key = signalled != null ? signalled : service.poll();
        signalled = null;
        while (key != null) {
            Path dir = (Path) key.watchable();
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir.equals(root)) {
                    rescan = true;
                } else {
                    files.add(dir.resolve((Path) event.context()));
                }
            }
            if (!key.reset()) {
                keys.values().remove(key);
                rescan = true;
            }
            key = service.poll();
        }
        return files.isEmpty() && !rescan ? Changes.NONE : new Changes(files, rescan);
    }

    private void register(Path dir, WatchEvent.Kind<?>... kinds) {
        WatchKey existing = keys.get(dir);
        if (existing != null && existing.isValid()) {
            return;
        }
        try {
            keys.put(dir, dir.register(service, kinds));
        } catch (IOException | RuntimeException e) {
            if (!failureLogged) {
                LOG.warning("no file-system notifications for " + dir + " (" + e
                        + "); new scan files are found by periodic listing only");
                failureLogged = true;
            }
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
