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

    /**
     * Runs {@code work} on {@code threads} compiler threads at once (the calling thread, already
     * on one, is the first; the others are started here) and returns when every one has finished;
     * the first failure is rethrown. Each runs the same {@code work}, which shares itself out.
     */
    public static void inParallel(int threads, Runnable work) {
        if (!ON_IT.get()) {
            call(() -> {
                inParallel(threads, work);
                return null;
            });
            return;
        }
        Throwable[] failure = new Throwable[1];
        java.util.List<Thread> helpers = new java.util.ArrayList<>();
        for (int i = 1; i < threads; i++) {
            Thread helper = new Thread(null, () -> {
                ON_IT.set(true);
                try {
                    work.run();
                } catch (Throwable t) {
                    synchronized (failure) {
                        failure[0] = failure[0] == null ? t : failure[0];
                    }
                }
            }, "ppl-compiler-" + i, Limits.COMPILER_STACK_BYTES);
            helper.setDaemon(true);
            helper.start();
            helpers.add(helper);
        }
        try {
            work.run();
        } finally {
            boolean interrupted = false;
            for (Thread helper : helpers) {
                while (true) {
                    try {
                        helper.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // the helpers' work is short and bounded: wait for it, then restore the flag
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (failure) {
            if (failure[0] instanceof RuntimeException e) {
                throw e;
            }
            if (failure[0] instanceof Error e) {
                throw e;
            }
        }
    }

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
