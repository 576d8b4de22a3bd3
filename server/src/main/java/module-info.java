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

    exports floe.server;
    exports floe.server.http;
    exports floe.server.json;
    exports floe.server.auth;

    opens floe.server.cli to info.picocli;
}
