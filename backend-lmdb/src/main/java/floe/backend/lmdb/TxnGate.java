package floe.backend.lmdb;

import floe.spi.storage.StorageException;
import floe.spi.storage.StorageFullException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the LMDB transactions open in this process, so that the two things LMDB only
 * allows with none open can wait for that moment: growing the memory map
 * ({@code mdb_env_set_mapsize}) and closing the environment.
 *
 * <p>Entering and leaving is one atomic increment and decrement plus a volatile read.
 * While the map grows, new transactions wait, except on a thread that already holds
 * one: it could be the very transaction growth waits for, so making it wait would
 * deadlock. Not a read-write lock, because a read transaction may be closed on
 * another thread than the one that opened it.
 */
final class TxnGate {
    private final AtomicLong active = new AtomicLong();
    /** How many transactions each thread holds; a transaction keeps its opener's counter. */
    private final ThreadLocal<AtomicInteger> held = ThreadLocal.withInitial(AtomicInteger::new);

    private final Object monitor = new Object();
    private final Runnable onDrainedAfterClose;
    private volatile boolean exclusive;
    private volatile boolean closed;

    /** @param onDrainedAfterClose run (possibly more than once) when the last transaction leaves after {@link #close()} */
    TxnGate(Runnable onDrainedAfterClose) {
        this.onDrainedAfterClose = onDrainedAfterClose;
    }

    /**
     * Admits one transaction, waiting while the map grows.
     *
     * @return the token to pass to {@link #leave}
     * @throws StorageException if the gate is closed
     */
    AtomicInteger enter() {
        AtomicInteger mine = held.get();
        for (; ; ) {
            active.incrementAndGet();
            if (closed) {
                leaveCount();
                throw LmdbBackend.closedException();
            }
            if (!exclusive || mine.get() > 0) {
                mine.incrementAndGet();
                return mine;
            }
            leaveCount();
            awaitNotExclusive();
        }
    }

    /** Lets a transaction out: the token {@link #enter} returned. */
    void leave(AtomicInteger token) {
        token.decrementAndGet();
        leaveCount();
    }

    /** Whether the calling thread holds any transaction. */
    boolean heldByCurrentThread() {
        return held.get().get() > 0;
    }

    private void leaveCount() {
        if (active.decrementAndGet() == 0) {
            if (exclusive || closed) {
                synchronized (monitor) {
                    monitor.notifyAll();
                }
            }
            if (closed) {
                onDrainedAfterClose.run();
            }
        }
    }

    private void awaitNotExclusive() {
        boolean interrupted = false;
        synchronized (monitor) {
            while (exclusive && !closed) {
                try {
                    monitor.wait(100);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code action} while no transaction is open: stops admitting new ones, waits
     * for the open ones to end, runs it and admits again. The caller holds no transaction.
     *
     * @throws StorageFullException if transactions stay open longer than {@code timeout},
     *     or the calling thread itself holds one (waiting would never end)
     */
    void runExclusively(Duration timeout, String why, Runnable action) {
        if (heldByCurrentThread()) {
            throw new StorageFullException(why + ", which needs every transaction in this process closed, but this"
                    + " thread holds an open transaction; nothing was written");
        }
        exclusive = true;
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (monitor) {
                while (active.get() != 0) {
                    if (closed) {
                        throw LmdbBackend.closedException();
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new StorageFullException(why + ", which needs every transaction in this process closed,"
                                + " but " + active.get() + " stayed open for " + timeout.toSeconds()
                                + " s (long-lived read transactions delay growth); nothing was written");
                    }
                    try {
                        monitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new StorageException("interrupted while waiting for transactions to end", e);
                    }
                }
            }
            action.run();
        } finally {
            exclusive = false;
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    /**
     * Stops admitting transactions and waits up to {@code timeout} for the open ones to
     * end. Returns whether none is open; if some are, {@code onDrainedAfterClose} runs
     * when the last one leaves.
     */
    boolean close(Duration timeout) {
        closed = true;
        synchronized (monitor) {
            monitor.notifyAll();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        try {
            synchronized (monitor) {
                // leaveCount notifies this monitor once the gate is closed and the last transaction leaves
                while (active.get() != 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        monitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isClosed() {
        return closed;
    }
}
