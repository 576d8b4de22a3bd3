package floe.tck.storage;

import floe.api.Stability;
import floe.spi.storage.Capabilities;
import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.util.List;
import java.util.Objects;

/**
 * A storage backend that passes every call to another: the base of the kit's wrapper
 * backends ({@link CheckingBackend}, {@link FaultyBackend}) and of any a test writes.
 * A subclass overrides the calls it changes; {@link #wrapRead} and {@link #wrapWrite}
 * decide what the transactions it begins are.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class ForwardingBackend implements StorageBackend {
    /** The backend every call goes to. */
    protected final StorageBackend delegate;

    /** @param delegate the backend every call goes to */
    protected ForwardingBackend(StorageBackend delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The backend every call goes to. */
    public StorageBackend delegate() {
        return delegate;
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public List<String> keyspaces() {
        return delegate.keyspaces();
    }

    @Override
    public boolean createKeyspace(String name) {
        return delegate.createKeyspace(name);
    }

    @Override
    public boolean dropKeyspace(String name) {
        return delegate.dropKeyspace(name);
    }

    @Override
    public ReadTransaction beginRead() {
        return wrapRead(delegate.beginRead());
    }

    @Override
    public WriteTransaction beginWrite() {
        return wrapWrite(delegate.beginWrite());
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** What {@link #beginRead()} returns for a read transaction of the delegate; itself by default. */
    protected ReadTransaction wrapRead(ReadTransaction read) {
        return read;
    }

    /** What {@link #beginWrite()} returns for a write transaction of the delegate; itself by default. */
    protected WriteTransaction wrapWrite(WriteTransaction write) {
        return write;
    }

    /** A read transaction that passes every call to another. */
    public static class ForwardingRead implements ReadTransaction {
        /** The transaction every call goes to. */
        protected final ReadTransaction delegate;

        /** @param delegate the transaction every call goes to */
        public ForwardingRead(ReadTransaction delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        @Override
        public byte[] get(String keyspace, byte[] partition, byte[] sort) {
            return delegate.get(keyspace, partition, sort);
        }

        @Override
        public int range(
                String keyspace, byte[] partition, SortRange range, boolean reverse, int limit, EntryVisitor visitor) {
            return delegate.range(keyspace, partition, range, reverse, limit, visitor);
        }

        @Override
        public int scan(String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
            return delegate.scan(keyspace, segment, totalSegments, resumeAfter, visitor);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** A write transaction that passes every call to another. */
    public static class ForwardingWrite extends ForwardingRead implements WriteTransaction {
        /** The transaction every call goes to. */
        protected final WriteTransaction writeDelegate;

        /** @param delegate the transaction every call goes to */
        public ForwardingWrite(WriteTransaction delegate) {
            super(delegate);
            this.writeDelegate = delegate;
        }

        @Override
        public void put(String keyspace, byte[] partition, byte[] sort, byte[] value) {
            writeDelegate.put(keyspace, partition, sort, value);
        }

        @Override
        public void delete(String keyspace, byte[] partition, byte[] sort) {
            writeDelegate.delete(keyspace, partition, sort);
        }

        @Override
        public void commit() {
            writeDelegate.commit();
        }
    }
}
