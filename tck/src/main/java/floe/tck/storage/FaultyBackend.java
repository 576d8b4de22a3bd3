package floe.tck.storage;

import floe.api.Stability;
import floe.spi.storage.ConflictException;
import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageBackendProvider;
import floe.spi.storage.StorageException;
import floe.spi.storage.StorageFullException;
import floe.spi.storage.WriteTransaction;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A wrapper backend that fails operations on a schedule with the SPI's typed errors,
 * as Lucene's cranky codecs do: to prove that its user (the engine) maps every
 * storage failure to the right error and leaves nothing half-written. A failed
 * {@link Operation#COMMIT} aborts the transaction first, so nothing it wrote is kept,
 * as the SPI promises for a failed commit; a failed put or delete changes nothing.
 *
 * <pre>{@code
 * FaultyBackend backend = new FaultyBackend(new ReferenceBackend())
 *         .failing(Operation.COMMIT, Schedule.every(3), FaultyBackend.conflict());
 * }</pre>
 *
 * Its provider, named {@value #NAME}, wraps the backend named in option
 * {@code tckFaulty.backend} (the other options go to that backend) and reads one rule
 * per operation from options {@code tckFaulty.<operation>=<error>@<schedule>}: error
 * {@code conflict}, {@code full} or {@code storage}; schedule {@code every:N},
 * {@code nth:N} or {@code random:SEED:PROBABILITY}; for example
 * {@code tckFaulty.commit=conflict@random:7:0.1}.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class FaultyBackend extends ForwardingBackend {
    /** The provider's name. */
    public static final String NAME = "tckFaulty";
    /** The option naming the wrapped backend. */
    public static final String BACKEND = NAME + ".backend";
    /** How every injected error's message starts. */
    public static final String INJECTED = "injected fault: ";

    /** The operations a fault can be injected into. */
    public enum Operation {
        BEGIN_READ,
        BEGIN_WRITE,
        GET,
        RANGE,
        SCAN,
        PUT,
        DELETE,
        COMMIT
    }

    /** Which calls of an operation fail, by their number (the first call is 1). Must be thread-safe. */
    @FunctionalInterface
    public interface Schedule {
        /** Whether call number {@code call} fails. */
        boolean fails(long call);

        /** Call number {@code n} fails, no other. */
        static Schedule nth(long n) {
            return call -> call == n;
        }

        /** Every {@code n}th call fails. */
        static Schedule every(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("every " + n);
            }
            return call -> call % n == 0;
        }

        /** Each call fails with {@code probability}, drawn from a generator seeded with {@code seed}. */
        static Schedule random(long seed, double probability) {
            Random random = new Random(seed);
            return call -> {
                synchronized (random) {
                    return random.nextDouble() < probability;
                }
            };
        }
    }

    /** A retryable conflict, as a backend reports colliding transactions. */
    public static Supplier<StorageException> conflict() {
        return () -> new ConflictException(INJECTED + "conflict");
    }

    /** A full backend. */
    public static Supplier<StorageException> full() {
        return () -> new StorageFullException(INJECTED + "full");
    }

    /** A plain, not retryable storage failure. */
    public static Supplier<StorageException> failure() {
        return () -> new StorageException(INJECTED + "failure");
    }

    private record Rule(Schedule schedule, Supplier<? extends StorageException> error) {}

    private final Map<Operation, Rule> rules = new EnumMap<>(Operation.class);
    private final Map<Operation, AtomicLong> calls = new EnumMap<>(Operation.class);
    private final AtomicLong injected = new AtomicLong();

    /** Wraps {@code delegate}, failing nothing until told to. */
    public FaultyBackend(StorageBackend delegate) {
        super(delegate);
        for (Operation op : Operation.values()) {
            calls.put(op, new AtomicLong());
        }
    }

    /** Fails {@code operation} when {@code schedule} says so, with the error {@code error} makes; replaces any earlier rule of it. */
    public synchronized FaultyBackend failing(
            Operation operation, Schedule schedule, Supplier<? extends StorageException> error) {
        rules.put(operation, new Rule(schedule, error));
        return this;
    }

    /** Fails {@code operation} no more. */
    public synchronized FaultyBackend healed(Operation operation) {
        rules.remove(operation);
        return this;
    }

    /** How many faults were injected. */
    public long injected() {
        return injected.get();
    }

    /** How many times {@code operation} was called. */
    public long calls(Operation operation) {
        return calls.get(operation).get();
    }

    private void maybeFail(Operation operation, Runnable beforeThrowing) {
        long call = calls.get(operation).incrementAndGet();
        Rule rule;
        synchronized (this) {
            rule = rules.get(operation);
        }
        if (rule != null && rule.schedule().fails(call)) {
            injected.incrementAndGet();
            StorageException e = rule.error().get();
            if (beforeThrowing != null) {
                beforeThrowing.run();
            }
            throw e;
        }
    }

    @Override
    public ReadTransaction beginRead() {
        maybeFail(Operation.BEGIN_READ, null);
        return new Read(delegate.beginRead());
    }

    @Override
    public WriteTransaction beginWrite() {
        maybeFail(Operation.BEGIN_WRITE, null);
        return new Write(delegate.beginWrite());
    }

    private class Read extends ForwardingRead {
        Read(ReadTransaction delegate) {
            super(delegate);
        }

        @Override
        public byte[] get(String keyspace, byte[] partition, byte[] sort) {
            maybeFail(Operation.GET, null);
            return super.get(keyspace, partition, sort);
        }

        @Override
        public int range(
                String keyspace, byte[] partition, SortRange range, boolean reverse, int limit, EntryVisitor visitor) {
            maybeFail(Operation.RANGE, null);
            return super.range(keyspace, partition, range, reverse, limit, visitor);
        }

        @Override
        public int scan(String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
            maybeFail(Operation.SCAN, null);
            return super.scan(keyspace, segment, totalSegments, resumeAfter, visitor);
        }
    }

    private final class Write extends ForwardingWrite {
        Write(WriteTransaction delegate) {
            super(delegate);
        }

        @Override
        public byte[] get(String keyspace, byte[] partition, byte[] sort) {
            maybeFail(Operation.GET, null);
            return super.get(keyspace, partition, sort);
        }

        @Override
        public int range(
                String keyspace, byte[] partition, SortRange range, boolean reverse, int limit, EntryVisitor visitor) {
            maybeFail(Operation.RANGE, null);
            return super.range(keyspace, partition, range, reverse, limit, visitor);
        }

        @Override
        public int scan(String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
            maybeFail(Operation.SCAN, null);
            return super.scan(keyspace, segment, totalSegments, resumeAfter, visitor);
        }

        @Override
        public void put(String keyspace, byte[] partition, byte[] sort, byte[] value) {
            maybeFail(Operation.PUT, null);
            super.put(keyspace, partition, sort, value);
        }

        @Override
        public void delete(String keyspace, byte[] partition, byte[] sort) {
            maybeFail(Operation.DELETE, null);
            super.delete(keyspace, partition, sort);
        }

        @Override
        public void commit() {
            maybeFail(Operation.COMMIT, writeDelegate::close); // nothing of a failed commit is kept
            super.commit();
        }
    }

    /** Opens a faulty backend around the backend named in option {@value FaultyBackend#BACKEND}. */
    public static final class Provider implements StorageBackendProvider {
        /** For {@link java.util.ServiceLoader}. */
        public Provider() {}

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public StorageBackend open(Map<String, String> config) {
            Map<Operation, String> specs = new EnumMap<>(Operation.class);
            for (Map.Entry<String, String> e : config.entrySet()) {
                String key = e.getKey();
                if (key.startsWith(NAME + ".") && !key.equals(BACKEND)) {
                    String op = key.substring(NAME.length() + 1);
                    try {
                        specs.put(Operation.valueOf(op.toUpperCase(Locale.ROOT)), e.getValue());
                    } catch (IllegalArgumentException unknown) {
                        throw new StorageException("unknown option '" + key + "' of storage backend " + NAME);
                    }
                }
            }
            FaultyBackend backend = new FaultyBackend(WrappedProviders.openWrapped(NAME, config));
            specs.forEach((op, spec) -> {
                try {
                    parse(backend, op, spec);
                } catch (RuntimeException bad) {
                    backend.close();
                    throw new StorageException(
                            "invalid fault '" + spec + "' for " + op + ": expected"
                                    + " <conflict|full|storage>@<every:N|nth:N|random:SEED:PROBABILITY>",
                            bad);
                }
            });
            return backend;
        }

        private static void parse(FaultyBackend backend, Operation op, String spec) {
            String[] parts = spec.split("@", 2);
            Supplier<StorageException> error =
                    switch (parts[0]) {
                        case "conflict" -> conflict();
                        case "full" -> full();
                        case "storage" -> failure();
                        default -> throw new IllegalArgumentException(parts[0]);
                    };
            String[] when = parts[1].split(":");
            Schedule schedule =
                    switch (when[0]) {
                        case "every" -> Schedule.every(Long.parseLong(when[1]));
                        case "nth" -> Schedule.nth(Long.parseLong(when[1]));
                        case "random" -> Schedule.random(Long.parseLong(when[1]), Double.parseDouble(when[2]));
                        default -> throw new IllegalArgumentException(when[0]);
                    };
            backend.failing(op, schedule, error);
        }
    }
}
