/**
 * FloeDB's server: DynamoDB's JSON protocol over HTTP (Netty), and the
 * {@code floe} command that starts it.
 */
module floe.server {
    requires transitive floe.api;
    requires com.fasterxml.jackson.core;
    requires java.net.http;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires info.picocli;

    // Exports nothing: the server is an application, started with its main class; no module reads it.

    opens floe.server.cli to
            info.picocli;
}
