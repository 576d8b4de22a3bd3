package floe.server.runtime;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import floe.api.FloeDb;
import floe.server.Log;
import floe.server.http.FloeServer;

/**
 * A running FloeDB: the engine over the configured backend, and the server in front of it,
 * composed by one injector from the settings and the extensions. Closes in the reverse
 * order: the server (requests in flight finish), the engine and its store, then the
 * extensions (the plugins stop).
 */
public final class FloeRuntime implements AutoCloseable {
    private final FloeServer server;
    private final FloeDb db;
    private final Extensions extensions;

    private FloeRuntime(FloeServer server, FloeDb db, Extensions extensions) {
        this.server = server;
        this.db = db;
        this.extensions = extensions;
    }

    /**
     * Opens the store and starts the server.
     *
     * @param extensions where the providers come from; closed if this fails
     * @throws StartupException saying what failed, in one line
     */
    public static FloeRuntime start(RuntimeSettings settings, Log log, Extensions extensions) {
        Injector injector;
        try {
            // Production: the engine and the server (singletons) are made here, the engine first.
            injector = Guice.createInjector(Stage.PRODUCTION, new RuntimeModule(settings, log, extensions));
        } catch (CreationException e) {
            extensions.close();
            throw unwrap(e.getErrorMessages(), e);
        } catch (ProvisionException e) {
            extensions.close();
            throw unwrap(e.getErrorMessages(), e);
        }
        FloeDb db = injector.getInstance(FloeDb.class);
        return new FloeRuntime(injector.getInstance(FloeServer.class), db, extensions);
    }

    private static RuntimeException unwrap(Iterable<Message> messages, RuntimeException e) {
        for (Message m : messages) {
            for (Throwable t = m.getCause(); t != null; t = t.getCause()) {
                if (t instanceof StartupException s) {
                    return s;
                }
            }
        }
        for (Message m : messages) {
            if (m.getCause() != null) {
                return new StartupException("cannot start: " + m.getCause(), m.getCause());
            }
        }
        return e;
    }

    /** The server's port (useful with port 0). */
    public int port() {
        return server.port();
    }

    /** The engine. */
    public FloeDb db() {
        return db;
    }

    /** The installed backends and plugins. */
    public Extensions extensions() {
        return extensions;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                db.close();
            } finally {
                extensions.close();
            }
        }
    }
}
