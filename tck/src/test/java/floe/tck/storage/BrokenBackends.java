package floe.tck.storage;

import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.util.concurrent.locks.ReentrantLock;

/** Deliberately broken backends, each a wrapper of a correct one, for the kit's self-test. */
final class BrokenBackends {
    private BrokenBackends() {}

    /**
     * Writes go straight through, each committed on its own: visible before the commit,
     * kept after an abort, and torn when several should commit together.
     */
    static final class Leaky extends ForwardingBackend {
        private final ReentrantLock writer = new ReentrantLock();

        Leaky(StorageBackend delegate) {
            super(delegate);
        }

        @Override
        public WriteTransaction beginWrite() {
            writer.lock();
            return new WriteTransaction() {
                boolean done;

                @Override
                public void put(String keyspace, byte[] partition, byte[] sort, byte[] value) {
                    try (WriteTransaction w = delegate.beginWrite()) {
                        w.put(keyspace, partition, sort, value);
                        w.commit();
                    }
                }

                @Override
                public void delete(String keyspace, byte[] partition, byte[] sort) {
                    try (WriteTransaction w = delegate.beginWrite()) {
                        w.delete(keyspace, partition, sort);
                        w.commit();
                    }
                }

                @Override
                public void commit() {
                    close();
                }

                @Override
                public byte[] get(String keyspace, byte[] partition, byte[] sort) {
                    try (ReadTransaction r = delegate.beginRead()) {
                        return r.get(keyspace, partition, sort);
                    }
                }

                @Override
                public int range(
                        String keyspace,
                        byte[] partition,
                        SortRange range,
                        boolean reverse,
                        int limit,
                        EntryVisitor visitor) {
                    try (ReadTransaction r = delegate.beginRead()) {
                        return r.range(keyspace, partition, range, reverse, limit, visitor);
                    }
                }

                @Override
                public int scan(
                        String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
                    try (ReadTransaction r = delegate.beginRead()) {
                        return r.scan(keyspace, segment, totalSegments, resumeAfter, visitor);
                    }
                }

                @Override
                public void close() {
                    if (!done) {
                        done = true;
                        writer.unlock();
                    }
                }
            };
        }
    }

    /**
     * Orders sort bytes as signed: it stores every sort byte with its top bit flipped,
     * so that the correct backend's unsigned order is the signed order of the bytes given.
     */
    static final class SignedOrder extends ForwardingBackend {
        SignedOrder(StorageBackend delegate) {
            super(delegate);
        }

        static byte[] flip(byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            byte[] out = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                out[i] = (byte) (bytes[i] ^ 0x80);
            }
            return out;
        }

        static SortRange flip(SortRange r) {
            return new SortRange(flip(r.lower()), r.lowerInclusive(), flip(r.upper()), r.upperInclusive());
        }

        static EntryVisitor flip(EntryVisitor v) {
            return (p, s, value) -> v.visit(p, flip(s), value);
        }

        @Override
        protected ReadTransaction wrapRead(ReadTransaction read) {
            return new Read(read);
        }

        @Override
        protected WriteTransaction wrapWrite(WriteTransaction write) {
            return new Write(write);
        }

        private static class Read extends ForwardingRead {
            Read(ReadTransaction delegate) {
                super(delegate);
            }

            @Override
            public byte[] get(String keyspace, byte[] partition, byte[] sort) {
                return super.get(keyspace, partition, flip(sort));
            }

            @Override
            public int range(
                    String keyspace,
                    byte[] partition,
                    SortRange range,
                    boolean reverse,
                    int limit,
                    EntryVisitor visitor) {
                return super.range(keyspace, partition, flip(range), reverse, limit, flip(visitor));
            }

            @Override
            public int scan(
                    String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
                EntryKey after =
                        resumeAfter == null ? null : new EntryKey(resumeAfter.partition(), flip(resumeAfter.sort()));
                return super.scan(keyspace, segment, totalSegments, after, flip(visitor));
            }
        }

        private static final class Write extends ForwardingWrite {
            Write(WriteTransaction delegate) {
                super(delegate);
            }

            @Override
            public byte[] get(String keyspace, byte[] partition, byte[] sort) {
                return super.get(keyspace, partition, flip(sort));
            }

            @Override
            public int range(
                    String keyspace,
                    byte[] partition,
                    SortRange range,
                    boolean reverse,
                    int limit,
                    EntryVisitor visitor) {
                return super.range(keyspace, partition, flip(range), reverse, limit, flip(visitor));
            }

            @Override
            public int scan(
                    String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
                EntryKey after =
                        resumeAfter == null ? null : new EntryKey(resumeAfter.partition(), flip(resumeAfter.sort()));
                return super.scan(keyspace, segment, totalSegments, after, flip(visitor));
            }

            @Override
            public void put(String keyspace, byte[] partition, byte[] sort, byte[] value) {
                super.put(keyspace, partition, flip(sort), value);
            }

            @Override
            public void delete(String keyspace, byte[] partition, byte[] sort) {
                super.delete(keyspace, partition, flip(sort));
            }
        }
    }
}
