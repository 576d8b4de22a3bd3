package floe.server.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.google.inject.Guice;
import com.google.inject.Stage;
import floe.engine.Engine;
import floe.server.http.FloeServer;
import floe.server.json.WireOperations;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * Loads and initializes, on another core, the classes a server's start needs later (the
 * injector's, Netty's, the JSON reader's, the engine's) while the main thread parses the
 * command line and opens the store: the start's critical path then finds them ready. Only a
 * head start: whatever it does not reach, the start loads itself, and a failure here is left
 * for the start to meet and report.
 */
public final class Warmup {
    private Warmup() {}

    /** Starts the warm-up on a daemon thread, which never delays the JVM's exit. */
    public static void start() {
        Thread thread = new Thread(Warmup::run, "floe-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            // In the order the start needs them: the injector first, then the engine and the server.
            Guice.createInjector(
                    Stage.PRODUCTION, binder -> binder.bind(String.class).toInstance("warm-up"));
            initialize(Engine.class, JsonFactory.class, WireOperations.class);
            initialize(PooledByteBufAllocator.class, NioEventLoopGroup.class, NioServerSocketChannel.class);
            new HttpServerCodec();
            new HttpObjectAggregator(1024);
            // No buffer is taken here: one would bind this thread to an arena of its own, whose first
            // chunk (4 MB) would stay resident for nothing.
            initialize(FloeServer.class);
        } catch (RuntimeException | LinkageError e) {
            // The start loads the same classes and reports what is wrong with them.
        }
    }

    private static void initialize(Class<?>... classes) throws LinkageError {
        for (Class<?> c : classes) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new NoClassDefFoundError(c.getName());
            }
        }
    }
}
