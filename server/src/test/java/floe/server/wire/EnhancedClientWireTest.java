package floe.server.wire;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import floe.tck.wire.EnhancedClientTck;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The AWS SDK's enhanced client against an in-memory server over HTTP. */
class EnhancedClientWireTest extends EnhancedClientTck {
    private static FloeDb db;
    private static FloeServer server;

    @BeforeAll
    static void start() {
        db = FloeDb.open(FloeConfig.inMemory());
        server = FloeServer.start(db, ServerConfig.of("127.0.0.1", 0), new Log(Log.Level.ERROR, System.err));
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @Override
    protected URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }
}
