package floe.engine.write;

import floe.spi.storage.Capabilities;
import floe.spi.storage.Capability;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import floe.tck.storage.ForwardingBackend;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A backend wrapper that tests script: it numbers the commits that return, remembers
 * which commit made each stored value durable, runs queued hooks before commits
 * (to block one until others have queued, or to fail it) and a hook on every put
 * (to fail chosen writes). It may claim concurrent writers, as a backend that
 * reports conflicts would.
 */
final class ScriptedBackend extends ForwardingBackend {
    private final boolean concurrentWriters;
    private final boolean persistent;
    private final AtomicInteger commits = new AtomicInteger();
    private final Queue<Runnable> beforeCommit = new ConcurrentLinkedQueue<>();
    private final Map<ByteBuffer, Integer> durable = new ConcurrentHashMap<>();
    private volatile Consumer<byte[]> onPut = v -> {};

    ScriptedBackend(StorageBackend delegate, boolean concurrentWriters) {
        this(delegate, concurrentWriters, false);
    }

    /** @param persistent whether it claims to be persistent, as a backend whose commits sync does */
    ScriptedBackend(StorageBackend delegate, boolean concurrentWriters, boolean persistent) {
        super(delegate);
        this.concurrentWriters = concurrentWriters;
        this.persistent = persistent;
    }

    /** Commits that returned, of data and control plane alike. */
    int commits() {
        return commits.get();
    }

    /** Runs {@code hook} at the start of the next commit that has no hook yet (it may block or throw). */
    void beforeNextCommit(Runnable hook) {
        beforeCommit.add(hook);
    }

    /** Runs {@code hook} with the value of every put before it is stored (it may throw). */
    void onPut(Consumer<byte[]> hook) {
        onPut = hook;
    }

    /** The number of the returned commit that stored {@code value}, or null if none has. */
    Integer committedBy(byte[] value) {
        return durable.get(ByteBuffer.wrap(value));
    }

    @Override
    public Capabilities capabilities() {
        Capabilities c = delegate.capabilities();
        Set<Capability> supported =
                c.supported().isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(c.supported());
        if (concurrentWriters) {
            supported.add(Capability.CONCURRENT_WRITERS);
        }
        if (persistent) {
            supported.add(Capability.PERSISTENT);
        }
        return new Capabilities(supported, c.maxValueSize());
    }

    @Override
    protected WriteTransaction wrapWrite(WriteTransaction write) {
        return new Writer(write);
    }

    private final class Writer extends ForwardingWrite {
        private final List<ByteBuffer> written = new ArrayList<>();

        Writer(WriteTransaction w) {
            super(w);
        }

        @Override
        public void put(String keyspace, byte[] partition, byte[] sort, byte[] value) {
            onPut.accept(value);
            super.put(keyspace, partition, sort, value);
            written.add(ByteBuffer.wrap(value.clone()));
        }

        @Override
        public void commit() {
            Runnable hook = beforeCommit.poll();
            if (hook != null) {
                hook.run();
            }
            super.commit();
            int n = commits.incrementAndGet();
            for (ByteBuffer v : written) {
                durable.put(v, n);
            }
        }
    }
}
