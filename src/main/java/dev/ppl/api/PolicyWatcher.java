package dev.ppl.api;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Watches policy directories (recursively) and calls back once changes have been quiet for the
 * debounce time. The callback reads everything again, so a missed or merged event costs nothing
 * but a later reload: events only say <em>when</em> to look, never <em>what</em> changed.
 */
final class PolicyWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PolicyEngine.class.getName());
    /** How often to look for a watched root that was deleted and may have come back. */
    private static final long IDLE_POLL_MS = 500;

    /** A directory to watch; {@code recursive} false when a single file was loaded from it. */
    record Root(Path dir, boolean recursive) {}

    private final List<Root> roots;
    private final long debounceNanos;
    private final long maxDelayNanos;
    private final Runnable onChange;
    private final Map<WatchKey, Root> keys = new HashMap<>();
    /** The identity of the directory each root was registered at. */
    private final Map<Root, Object> rootKeys = new HashMap<>();
    private WatchService service;
    private Thread thread;
    private volatile boolean closed;

    PolicyWatcher(List<Root> roots, Duration debounce, Runnable onChange) {
        this.roots = List.copyOf(roots);
        this.debounceNanos = debounce.toNanos();
        // a directory that never stops changing still gets reloaded now and then
        this.maxDelayNanos = Math.max(debounce.toNanos() * 20, TimeUnit.SECONDS.toNanos(2));
        this.onChange = onChange;
    }

    /** Registers the directories and starts the watcher's daemon thread. */
    void start() throws IOException {
        service = FileSystems.getDefault().newWatchService();
        for (Root r : roots) {
            register(r, r.dir());
        }
        thread = new Thread(this::run, "ppl-policy-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void register(Root root, Path dir) throws IOException {
        if (dir.equals(root.dir())) {
            rootKeys.put(root, fileKey(dir));
        }
        if (!root.recursive()) {
            keys.put(dir.register(service, KINDS), root);
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                keys.put(d.register(service, KINDS), root);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // deleted while walking: the next event says so
            }
        });
    }

    private static final WatchEvent.Kind<?>[] KINDS = {StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY};

    private void run() {
        long due = -1;
        long first = -1;
        try {
            while (!closed) {
                long now = System.nanoTime();
                long waitMs = due < 0 ? IDLE_POLL_MS : Math.max(1, TimeUnit.NANOSECONDS.toMillis(due - now) + 1);
                WatchKey key = service.poll(waitMs, TimeUnit.MILLISECONDS);
                boolean changed = false;
                if (key != null) {
                    changed = drain(key);
                }
                changed |= reattachRoots();
                now = System.nanoTime();
                if (changed) {
                    first = first < 0 ? now : first;
                    due = Math.min(now + debounceNanos, first + maxDelayNanos);
                }
                if (due >= 0 && now - due >= 0) {
                    due = -1;
                    first = -1;
                    try {
                        onChange.run();
                    } catch (Throwable e) {
                        // whatever a reload or a listener throws, the next change is still watched for
                        LOG.log(Level.ERROR, "a policy reload failed; the watcher keeps watching", e);
                    }
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: stop quietly
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the policy watcher stopped; reload() still works", e);
        }
    }

    /** Takes this key's events and any others already queued; registers new directories. */
    private boolean drain(WatchKey key) {
        boolean changed = false;
        for (WatchKey k = key; k != null; k = service.poll()) {
            Root root = keys.get(k);
            Path dir = (Path) k.watchable();
            for (WatchEvent<?> event : k.pollEvents()) {
                changed = true;
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && root != null && root.recursive()
                        && event.context() instanceof Path name && Files.isDirectory(dir.resolve(name))) {
                    try {
                        register(root, dir.resolve(name));
                    } catch (IOException e) {
                        LOG.log(Level.DEBUG, "cannot watch " + dir.resolve(name) + ": " + e.getMessage());
                    }
                }
            }
            if (!k.reset()) {
                keys.remove(k);
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Follows each root path rather than the directory first watched there: a root deleted,
     * renamed away, or replaced by another directory (a deploy that renames a new folder into
     * place, or swaps a symbolic link) stops being watched, and the directory at the path now is
     * watched instead. True when anything changed.
     */
    private boolean reattachRoots() {
        boolean changed = false;
        for (Root r : roots) {
            Object now = fileKey(r.dir());
            if (Objects.equals(now, rootKeys.get(r))) {
                continue; // the same directory, or still none
            }
            List<WatchKey> stale = keys.entrySet().stream().filter(e -> e.getValue() == r).map(Map.Entry::getKey).toList();
            stale.forEach(WatchKey::cancel);
            stale.forEach(keys::remove);
            rootKeys.remove(r);
            changed = true;
            if (now != null) {
                try {
                    register(r, r.dir());
                } catch (IOException e) {
                    // gone again: looked at on the next round
                }
            }
        }
        return changed;
    }

    /** What identifies the directory at a path (its inode), or null when there is none. */
    private static Object fileKey(Path dir) {
        try {
            BasicFileAttributes a = Files.readAttributes(dir, BasicFileAttributes.class);
            if (!a.isDirectory()) {
                return null;
            }
            // without inodes (fileKey null), only deletion and return can be followed
            return a.fileKey() != null ? a.fileKey() : Boolean.TRUE;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (service != null) {
                service.close();
            }
            if (thread != null && thread != Thread.currentThread()) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the policy watcher: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
