package dev.ppl.api;

/**
 * Told about every reload of a {@link PolicyEngine}: sets swapped in, and sets turned down with
 * their diagnostics. Register it with {@link PolicyEngine.Builder#onReload}.
 *
 * <p>Called on the thread that reloaded (the watcher's thread, or the caller of {@link
 * PolicyEngine#reload()}), one event at a time, in order. Keep it short; an exception it throws is
 * logged and does not stop the watcher.
 */
@FunctionalInterface
public interface ReloadListener {

    /** One reload finished. */
    void reloaded(ReloadEvent event);
}
