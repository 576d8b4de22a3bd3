package floe.engine.transfer;

import floe.spi.extension.ExportFormatProvider;
import floe.spi.extension.ObjectStore;
import floe.spi.extension.ObjectStoreProvider;
import floe.spi.storage.StorageBackend;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * What exports and imports share: the object store (opened on first use, by its provider
 * name), the plugin export formats, the options, and the threads transfers run on: at
 * most {@link TransferOptions#PARALLEL} at once, at low priority.
 */
final class TransferContext implements AutoCloseable {
    final StorageBackend backend;
    final Clock clock;
    final TransferOptions options;
    private final Supplier<Map<String, ObjectStoreProvider>> stores;
    final Supplier<Map<String, ExportFormatProvider>> formats;
    final ExecutorService tasks = Executors.newFixedThreadPool(TransferOptions.PARALLEL, r -> {
        Thread t = new Thread(r, "floe-transfer");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private ObjectStore store;
    volatile boolean closed;

    TransferContext(
            StorageBackend backend,
            Clock clock,
            TransferOptions options,
            Supplier<Map<String, ObjectStoreProvider>> stores,
            Supplier<Map<String, ExportFormatProvider>> formats) {
        this.backend = backend;
        this.clock = clock;
        this.options = options;
        this.stores = stores;
        this.formats = formats;
    }

    /**
     * The configured object store, opened once.
     *
     * @throws IllegalArgumentException if no provider has its name, or its options are wrong
     */
    synchronized ObjectStore store() {
        if (store == null) {
            Map<String, ObjectStoreProvider> all = stores.get();
            ObjectStoreProvider p = all.get(options.objectStore());
            if (p == null) {
                throw new IllegalArgumentException(
                        "no object store named '" + options.objectStore() + "'; present: " + all.keySet());
            }
            store = p.open(options.objectStoreOptions());
        }
        return store;
    }

    /** A new export or import id: 14 digits of millis, a dash, 8 hex digits, as DynamoDB's look. */
    String newId() {
        return String.format(
                "%014d-%08x", clock.millis(), ThreadLocalRandom.current().nextInt());
    }

    /**
     * Stops: transfers not started stay IN_PROGRESS (to be resumed or failed at the next
     * open), and running ones stop at their next item; returns once none runs, so that
     * none touches the storage after the engine closes it.
     */
    @Override
    public void close() {
        closed = true;
        tasks.shutdownNow();
        try {
            if (!tasks.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
                System.getLogger(TransferContext.class.getName())
                        .log(System.Logger.Level.WARNING, "a transfer did not stop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (store != null) {
                store.close();
            }
        }
    }
}
