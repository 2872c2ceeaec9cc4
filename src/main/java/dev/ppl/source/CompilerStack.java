package dev.ppl.source;

import java.util.function.Supplier;

/**
 * Runs parsing and compilation on a thread with a known stack ({@link Limits#COMPILER_STACK_BYTES}),
 * so that how deep a policy may nest does not depend on the stack of whichever thread builds or
 * reloads the engine, formats or explains.
 */
public final class CompilerStack {
    private static final ThreadLocal<Boolean> ON_IT = ThreadLocal.withInitial(() -> false);

    private CompilerStack() {}

    /** Runs {@code work} on a compiler thread (directly when already on one) and returns its result. */
    public static <T> T call(Supplier<T> work) {
        if (ON_IT.get()) {
            return work.get();
        }
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            ON_IT.set(true);
            try {
                result[0] = work.get();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "ppl-compiler", Limits.COMPILER_STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // compilation is short and bounded: finish it, then restore the flag
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
