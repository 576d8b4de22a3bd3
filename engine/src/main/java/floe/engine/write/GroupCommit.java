package floe.engine.write;

import floe.api.error.FloeException;
import floe.spi.storage.Capability;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageException;
import floe.spi.storage.WriteTransaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: the one way data-plane writes reach the backend. Concurrent callers
 * queue their work; one backend write transaction runs the work of many callers one
 * after another, in queue order, and commits once (one sync on a durable backend).
 * Every caller returns, with its own result or its own exception, only after the
 * commit that holds its writes has returned.
 *
 * <p>Leader/follower, no thread of its own: the caller at the head of the queue leads.
 * It takes a bounded group from the head, runs and commits it on its own thread while
 * later callers queue behind, then hands its results out and wakes the next head. A
 * caller alone never waits for company, and pays nothing but a lock and a few
 * objects; no thread hand-off is needed, and each backend transaction stays on the
 * thread that began it, as the storage SPI requires.
 *
 * <p>Failure isolation. {@link Work} must do every read and every check that can fail
 * before its first write, so a {@link FloeException} (a false condition, a validation
 * error) fails that caller alone and leaves the shared transaction as it was. Anything
 * else (a FloeException after a write, a {@link StorageException} or any other throwable
 * from the work) aborts the group, and each of its works runs again alone, in queue
 * order, in a transaction of its own: a neighbour's failure never fails innocent work.
 * A failed commit fails every work of its group with the commit's exception; nothing
 * of the group was written.
 *
 * <p>Groups commit one at a time, so data-plane writes are serial, and the results
 * are exactly those of running the works one by one in queue order. Commits overlap
 * where the backend allows: once a group's works have run, the next leader begins its
 * transaction, which a single-writer backend grants when the previous commit lets the
 * writer go; the LMDB backend does so before its commit's last sync, so the next group
 * gathers and runs its works while the previous commit finishes. Each caller still returns
 * only once the commit holding its writes has returned.
 *
 * <p>Asynchronous callers. {@link #submitAsync} queues a work without waiting: a caller that
 * must not block (a server's I/O thread) gets a future, completed once the commit holding
 * the work has returned. Such a work cannot lead its group itself, so the committer's own
 * threads lead whenever an asynchronous work reaches the head of the queue: two of them,
 * started with the first such work, so that one group gathers and runs while the previous
 * one syncs, as with leading callers. Both kinds of work share the queue and its groups; the
 * results are the same. Over a backend that is not {@link Capability#PERSISTENT persistent}
 * a commit never waits on a disk, so an asynchronous work runs on the caller's thread as
 * {@link #submit} does, which costs less than the two thread hand-offs it would otherwise
 * take.
 */
public final class GroupCommit {
    /** Default bound of works per group. */
    public static final int DEFAULT_MAX_WORKS = 128;
    /** Default bound of bytes per group, as estimated by callers; the first work always fits. */
    public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

    /**
     * One caller's writes, run inside a write transaction it shares with others. Reads
     * and checks first; once it has written it must not throw a {@link FloeException}.
     * It may run more than once (when its group is aborted), so it keeps no state
     * between runs that a later run does not reset. It must not commit or close the
     * transaction, nor submit work of its own (it may run on the leader's thread, which
     * would then queue behind itself).
     *
     * @param <T> its result
     */
    @FunctionalInterface
    public interface Work<T> {
        /** Does the work in {@code w}. */
        T apply(WriteTransaction w);
    }

    private final StorageBackend backend;
    /**
     * Whether the next group may begin while a commit finishes: only where the backend has one
     * writer at a time (it lets the next one in when it is ready); with concurrent writers the
     * groups would collide instead.
     */
    private final boolean overlap;

    private final int maxWorks;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    /** Queued works; the group being run stays at the head until it is done. Guarded by lock. */
    private final ArrayDeque<Queued<?>> queue = new ArrayDeque<>();
    /** Size of the group being run. Guarded by lock. */
    private int running;
    /** Whether the head of the queue is an asynchronous work that no thread leads yet. Guarded by lock. */
    private boolean leaderWanted;
    /** Signalled when {@link #leaderWanted} becomes true, or on close. */
    private final Condition wanted = lock.newCondition();
    /** The committer's own threads, started with the first asynchronous work. Guarded by lock. */
    private final List<Thread> leaders = new ArrayList<>();
    /** Whether {@link #close} was called. Guarded by lock. */
    private boolean closed;
    /** Whether asynchronous works run on their caller's thread (a backend that never syncs). */
    private final boolean inline;
    /** Told of each transaction's beginning and end. */
    private final List<TransactionListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Told of each backend transaction the committer runs, on the thread that runs it: it
     * begins, the works of its group run on that thread, then it commits or is given up. So
     * what a work notes down on its thread can be published once its transaction committed
     * (a change listener's delivery hands on changes that way, without reading them back).
     * Each method must be quick, must not throw and must not submit work.
     */
    public interface TransactionListener {
        /** A transaction begins on this thread; the works that follow on it run in it. */
        void begun();

        /** It committed: what its works wrote is durable and visible to new reads. */
        void committed();

        /** It ended without a commit (a failed work or commit): nothing its works wrote was kept. */
        void abandoned();
    }

    /** A committer over {@code backend} with the default bounds. */
    public GroupCommit(StorageBackend backend) {
        this(backend, DEFAULT_MAX_WORKS, DEFAULT_MAX_BYTES);
    }

    /**
     * @param maxWorks the most works in one group, at least 1
     * @param maxBytes the most estimated bytes in one group (a larger single work still runs, alone)
     */
    public GroupCommit(StorageBackend backend, int maxWorks, long maxBytes) {
        if (maxWorks < 1 || maxBytes < 0) {
            throw new IllegalArgumentException("maxWorks must be at least 1 and maxBytes not negative");
        }
        this.backend = backend;
        this.overlap = !backend.capabilities().has(Capability.CONCURRENT_WRITERS);
        this.maxWorks = maxWorks;
        this.maxBytes = maxBytes;
        this.inline = !backend.capabilities().has(Capability.PERSISTENT);
    }

    /**
     * Runs {@code work} in a write transaction, possibly shared, and returns its result
     * once that transaction has committed.
     *
     * @param bytes an estimate of what the work writes, to bound the size of a group
     * @throws FloeException what the work threw
     * @throws StorageException what the backend threw when the transaction began or
     *     committed, or what the work threw when it ran alone
     */
    public <T> T submit(long bytes, Work<T> work) {
        Queued<T> q = new Queued<>(work, bytes, lock.newCondition(), null);
        lock.lock();
        try {
            queue.addLast(q);
            // uninterruptibly: once queued, the work may already be part of a commit
            while (!q.done && queue.peekFirst() != q) {
                q.turn.awaitUninterruptibly();
            }
            if (!q.done) {
                lead();
            }
        } finally {
            lock.unlock();
        }
        return q.outcome();
    }

    /** Tells {@code listener} of every transaction from now on. */
    public void listen(TransactionListener listener) {
        listeners.add(listener);
    }

    private void begun() {
        for (TransactionListener l : listeners) {
            l.begun();
        }
    }

    private void ended(boolean committed) {
        for (TransactionListener l : listeners) {
            if (committed) {
                l.committed();
            } else {
                l.abandoned();
            }
        }
    }

    /**
     * Queues {@code work} without waiting for it: the future completes, on a thread of the
     * committer's, with the work's result (or its exception, as {@link #submit} would throw
     * it) once the transaction holding it has committed. Over a backend that is not persistent
     * the work runs on the calling thread, and the future is complete when this returns.
     *
     * @param bytes an estimate of what the work writes, to bound the size of a group
     */
    public <T> CompletableFuture<T> submitAsync(long bytes, Work<T> work) {
        if (inline) {
            try {
                return CompletableFuture.completedFuture(submit(bytes, work));
            } catch (RuntimeException | Error e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        Queued<T> q = new Queued<>(work, bytes, null, future);
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the database is closed"));
            }
            queue.addLast(q);
            if (queue.peekFirst() == q) {
                wantLeader();
            }
        } finally {
            lock.unlock();
        }
        return future;
    }

    /**
     * Stops the committer's threads once the asynchronous works already queued have committed;
     * later ones fail. Waits a few seconds at most for them. Synchronous callers are unaffected.
     */
    public void close() {
        List<Thread> threads;
        lock.lock();
        try {
            closed = true;
            wanted.signalAll();
            threads = List.copyOf(leaders);
        } finally {
            lock.unlock();
        }
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Called holding the lock when an asynchronous work reaches the head: a committer thread leads it. */
    private void wantLeader() {
        leaderWanted = true;
        if (leaders.isEmpty()) {
            for (int i = 0; i < 2; i++) {
                Thread t = new Thread(this::leadForOthers, "floe-commit-" + i);
                t.setDaemon(true);
                leaders.add(t);
                t.start();
            }
        }
        wanted.signal();
    }

    /** A committer thread: leads each group whose head is an asynchronous work, until closed. */
    private void leadForOthers() {
        lock.lock();
        try {
            while (true) {
                while (!leaderWanted && !closed) {
                    wanted.awaitUninterruptibly();
                }
                if (!leaderWanted) {
                    return; // closed, and nothing queued waits for a leader
                }
                leaderWanted = false;
                lead();
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many works wait for a group (not counting the group being run). */
    public int waiting() {
        lock.lock();
        try {
            return queue.size() - running;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called holding the lock, at the head of the queue: begins a backend transaction, then
     * takes a group from the head (whoever queued while it waited for the backend's writer),
     * runs it and wakes the rest. Once the group's works have run, just before its commit, the
     * group leaves the queue and the next head starts to lead (see {@link #handOff}).
     */
    private void lead() {
        lock.unlock();
        // the leader works for others too: its own interrupt must not fail their writes
        boolean interrupted = Thread.interrupted();
        WriteTransaction w = null;
        RuntimeException notBegun = null;
        try {
            w = backend.beginWrite();
        } catch (RuntimeException e) {
            notBegun = e;
        }
        lock.lock();
        List<Queued<?>> group = new ArrayList<>();
        long bytes = 0;
        for (Queued<?> q : queue) {
            if (!group.isEmpty() && (group.size() == maxWorks || bytes + q.bytes > maxBytes)) {
                break;
            }
            group.add(q);
            bytes += q.bytes;
        }
        running = group.size();
        lock.unlock();
        boolean[] handedOff = {false};
        Runnable handOff = () -> {
            if (!handedOff[0]) {
                handedOff[0] = true;
                handOff(group);
            }
        };
        try {
            if (notBegun != null) {
                failAll(group, notBegun);
            } else {
                run(group, w, handOff);
            }
        } catch (Throwable t) {
            for (Queued<?> q : group) {
                q.fail(t);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            handOff.run();
            // the asynchronous callers' futures complete outside the lock: what they run next may submit again
            for (Queued<?> q : group) {
                if (q.future != null) {
                    q.complete();
                }
            }
            lock.lock();
            for (Queued<?> q : group) {
                q.done = true;
                if (q.turn != null) {
                    q.turn.signal();
                }
            }
        }
    }

    /**
     * Takes the group (the head of the queue) out of the queue and wakes the next head to lead.
     * Called once the group's works have run, before its commit: the next leader's transaction
     * begins when the backend lets the next writer in, which a backend may do before the commit
     * has returned (the LMDB backend does while it syncs the commit's last page). So one group's
     * commit finishes while the next group gathers and runs its works.
     */
    private void handOff(List<Queued<?>> group) {
        lock.lock();
        try {
            for (int i = 0; i < group.size(); i++) {
                queue.removeFirst();
            }
            running = 0;
            Queued<?> next = queue.peekFirst();
            if (next != null) {
                if (next.turn != null) {
                    next.turn.signal();
                } else {
                    wantLeader();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs the group in {@code w}, which it closes; when the group must run work by work, each in its own. */
    private void run(List<Queued<?>> group, WriteTransaction w, Runnable handOff) {
        if (group.size() == 1) {
            runAlone(group.get(0), w, handOff);
        } else if (!runTogether(group, w, handOff)) {
            for (Queued<?> q : group) {
                try {
                    runAlone(q, backend.beginWrite(), null);
                } catch (RuntimeException e) {
                    q.fail(e);
                }
            }
        }
    }

    /** Runs the group in one transaction; false if it was aborted and must run work by work. */
    private boolean runTogether(List<Queued<?>> group, WriteTransaction w, Runnable handOff) {
        boolean committed = false;
        begun();
        try {
            for (Queued<?> q : group) {
                Guarded g = new Guarded(w);
                try {
                    q.succeed(q.work.apply(g));
                } catch (FloeException e) {
                    if (g.wrote) {
                        return false;
                    }
                    q.fail(e);
                } catch (Throwable t) {
                    return false;
                }
            }
            if (overlap) {
                handOff.run();
            }
            try {
                w.commit();
                committed = true;
            } catch (RuntimeException e) {
                failAll(group, e);
            }
            return true;
        } finally {
            closeQuietly(w);
            ended(committed);
        }
    }

    /** Runs one work in {@code w} and commits; {@code handOff}, if any, runs before the commit. */
    private void runAlone(Queued<?> q, WriteTransaction w, Runnable handOff) {
        boolean committed = false;
        begun();
        try (w) {
            Object result = q.work.apply(new Guarded(w));
            if (handOff != null && overlap) {
                handOff.run();
            }
            w.commit();
            committed = true;
            q.succeed(result);
        } catch (Throwable t) {
            q.fail(t);
        } finally {
            ended(committed);
        }
    }

    private static void failAll(List<Queued<?>> group, Throwable t) {
        for (Queued<?> q : group) {
            q.fail(t);
        }
    }

    private static void closeQuietly(WriteTransaction w) {
        try {
            w.close();
        } catch (RuntimeException e) {
            // committed or aborted either way; each work's outcome is already settled
        }
    }

    /**
     * One submitted work and, once done, its outcome. Fields are published through the lock, or
     * for an asynchronous work (no {@code turn}, a {@code future}) through its future.
     */
    private static final class Queued<T> {
        final Work<T> work;
        final long bytes;
        final Condition turn;
        final CompletableFuture<T> future;
        boolean done;
        Object result;
        Throwable failure;

        Queued(Work<T> work, long bytes, Condition turn, CompletableFuture<T> future) {
            this.work = work;
            this.bytes = Math.max(0, bytes);
            this.turn = turn;
            this.future = future;
        }

        /** Completes an asynchronous work's future with its outcome, as {@link #outcome} would give it. */
        @SuppressWarnings("unchecked")
        void complete() {
            if (failure instanceof RuntimeException || failure instanceof Error) {
                future.completeExceptionally(failure);
            } else if (failure != null) {
                future.completeExceptionally(new IllegalStateException("write failed", failure));
            } else {
                future.complete((T) result);
            }
        }

        void succeed(Object r) {
            result = r;
            failure = null;
        }

        void fail(Throwable t) {
            result = null;
            failure = t;
        }

        @SuppressWarnings("unchecked")
        T outcome() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException("write failed", failure);
            }
            return (T) result;
        }
    }
}
