/**
 * FloeDB's server: DynamoDB's JSON protocol over HTTP (Netty), and the {@code floe} command
 * that starts it. In the runtime layer: the launcher's {@code Main} runs its {@code floe}
 * tool, which starts the configured backend and plugins in their layers and composes the
 * engine and the server over them with Guice.
 */
module floe.server {
    requires transitive floe.api;
    requires floe.launcher;
    requires floe.engine;
    requires com.fasterxml.jackson.core;
    requires com.google.guice;
    requires java.net.http;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;

    // Exports nothing: the server is an application, run as the launcher's floe tool; no module reads it.

    provides java.util.spi.ToolProvider with
            floe.server.cli.FloeTool;
}
