package floe.server.wire;

import floe.api.FloeDb;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.function.Function;

/**
 * A database served over HTTP on a free loopback port and reached through an AWS
 * SDK client: what the wire suites test. Closing it closes the client, the server
 * and the database, in that order.
 */
final class Served {
    private Served() {}

    static FloeDb over(FloeDb local, Function<URI, FloeDb> client) {
        return over(local, ServerConfig.of("127.0.0.1", 0), client);
    }

    static FloeDb over(FloeDb local, ServerConfig config, Function<URI, FloeDb> client) {
        FloeServer server = FloeServer.start(local, config, new Log(Log.Level.ERROR, System.err));
        FloeDb remote = client.apply(URI.create("http://127.0.0.1:" + server.port()));
        return (FloeDb) Proxy.newProxyInstance(
                FloeDb.class.getClassLoader(), new Class<?>[] {FloeDb.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        remote.close();
                        server.close();
                        local.close();
                        return null;
                    }
                    try {
                        return method.invoke(remote, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
