package floe.server.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import floe.api.error.FloeException;
import floe.api.error.InternalServerError;
import floe.api.error.SerializationException;
import floe.api.error.UnknownOperationException;
import floe.server.auth.Authorization;
import floe.server.json.ErrorJson;
import floe.server.json.WireOperations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.CRC32;

/**
 * One connection's requests: DynamoDB's checks in DynamoDB's order (method and
 * content type, target, authorization, body), the operation, and the response with
 * its request id and CRC32. Responses leave in request order even when pipelined:
 * an operation that may block runs off the I/O thread, and the requests behind it
 * wait their turn.
 */
final class DynamoHandler extends ChannelInboundHandlerAdapter {
    static final AsciiString REQUEST_ID = AsciiString.cached("x-amzn-RequestId");
    static final AsciiString CRC32_HEADER = AsciiString.cached("x-amz-crc32");
    private static final AsciiString TARGET = AsciiString.cached("x-amz-target");
    private static final AsciiString AMZ_DATE = AsciiString.cached("x-amz-date");
    private static final AsciiString JSON_10 = AsciiString.cached("application/x-amz-json-1.0");
    private static final AsciiString JSON_11 = AsciiString.cached("application/x-amz-json-1.1");
    private static final byte[] UNKNOWN_OPERATION =
            "<UnknownOperationException/>\n".getBytes(StandardCharsets.US_ASCII);

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final ServerContext server;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    DynamoHandler(ServerContext server) {
        this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        waiting.add(request);
        drain(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        FullHttpRequest r;
        while ((r = waiting.poll()) != null) {
            r.release();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        server.log().debug("connection error: " + cause);
        if (cause instanceof DecoderException && ctx.channel().isActive()) {
            // A body that cannot be decoded (a corrupt gzip stream): the protocol's serialization error, then close,
            // since the rest of the stream cannot be trusted.
            reject(ctx, new SerializationException(null));
            return;
        }
        // Connection-level trouble (a reset): nothing useful to answer.
        ctx.close();
    }

    private void drain(ChannelHandlerContext ctx) {
        FullHttpRequest request;
        while (!busy && (request = waiting.poll()) != null) {
            handle(ctx, request);
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        server.requestStarted();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        try {
            if (!request.decoderResult().isSuccess()) {
                send(ctx, error(new SerializationException(null), request), false, origin);
                return;
            }
            HttpMethod method = request.method();
            if (method.equals(HttpMethod.OPTIONS)) {
                send(ctx, Cors.preflight(request), keepAlive, null);
                return;
            }
            if (method.equals(HttpMethod.GET) && "/".equals(request.uri())) {
                send(
                        ctx,
                        text(HttpResponseStatus.OK, "healthy: dynamodb." + server.region() + ".amazonaws.com "),
                        keepAlive,
                        origin);
                return;
            }
            CharSequence type = contentType(request.headers());
            if (!method.equals(HttpMethod.POST) || type == null) {
                FullHttpResponse r = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND, Unpooled.wrappedBuffer(UNKNOWN_OPERATION));
                finish(r, JSON_10);
                send(ctx, r, keepAlive, origin);
                return;
            }
            WireOperations.Operation op = WireOperations.find(request.headers().get(TARGET));
            if (op == null) {
                send(ctx, error(new UnknownOperationException(null), type), keepAlive, origin);
                return;
            }
            HttpHeaders h = request.headers();
            String date = h.get(AMZ_DATE);
            Authorization.check(
                    h.get(HttpHeaderNames.AUTHORIZATION), date != null ? date : h.get(HttpHeaderNames.DATE));
            if (op.blocking()) {
                busy = true;
                request.retain();
                try {
                    server.blocking().execute(() -> {
                        FullHttpResponse r = run(op, request, type);
                        ctx.executor().execute(() -> {
                            busy = false;
                            send(ctx, r, keepAlive, origin);
                            drain(ctx);
                        });
                    });
                } catch (RejectedExecutionException e) {
                    busy = false;
                    request.release();
                    send(ctx, error(new InternalServerError("Internal server error"), type), false, origin);
                }
                return;
            }
            send(ctx, run(op, request, type), keepAlive, origin);
        } catch (FloeException e) {
            send(ctx, error(e, contentType(request.headers())), keepAlive, origin);
        } finally {
            request.release();
        }
    }

    /** Runs an operation; every failure becomes DynamoDB's error response, never a stack trace. */
    private FullHttpResponse run(WireOperations.Operation op, FullHttpRequest request, CharSequence type) {
        ByteBuf body = server.allocator().buffer(256);
        try (InputStream in = new ByteBufInputStream(request.content().duplicate());
                JsonParser p = JSON.createParser(in);
                OutputStream out = new ByteBufOutputStream(body);
                JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            op.call(server.db(), p, g, request.headers().get(HttpHeaderNames.HOST));
            g.flush();
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
            finish(r, type);
            return r;
        } catch (FloeException e) {
            body.release();
            return error(e, type);
        } catch (JsonProcessingException e) {
            body.release();
            return error(new SerializationException(null), type);
        } catch (IOException | RuntimeException e) {
            body.release();
            server.log().error("internal error", e);
            return error(new InternalServerError("Internal server error"), type);
        } finally {
            if (op.blocking()) {
                request.release();
            }
        }
    }

    private FullHttpResponse error(FloeException e, FullHttpRequest request) {
        return error(e, contentType(request.headers()));
    }

    private FullHttpResponse error(FloeException e, CharSequence type) {
        return errorResponse(server.allocator().buffer(128), e, type);
    }

    private static FullHttpResponse errorResponse(ByteBuf body, FloeException e, CharSequence type) {
        try (OutputStream out = new ByteBufOutputStream(body);
                JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            ErrorJson.write(g, e);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        FullHttpResponse r =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(e.httpStatus()), body);
        finish(r, type);
        return r;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String text) {
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        finish(r, HttpHeaderValues.TEXT_PLAIN);
        return r;
    }

    /** The headers every response carries: type, length, request id and the body's CRC32. */
    static void finish(FullHttpResponse r, CharSequence type) {
        ByteBuf body = r.content();
        CRC32 crc = new CRC32();
        if (body.nioBufferCount() == 1) {
            crc.update(body.nioBuffer());
        } else {
            for (ByteBuffer b : body.nioBuffers()) {
                crc.update(b);
            }
        }
        HttpHeaders h = r.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, type == null ? JSON_10 : type);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        h.set(REQUEST_ID, RequestIds.next());
        h.set(CRC32_HEADER, Long.toString(crc.getValue()));
    }

    private void send(ChannelHandlerContext ctx, FullHttpResponse r, boolean keepAlive, String origin) {
        if (origin != null) {
            Cors.decorate(r);
        }
        if (!keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var f = ctx.writeAndFlush(r);
        f.addListener(done -> server.requestFinished());
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Answers a request whose body is too large or cannot be decoded, and closes the connection. */
    static void reject(ChannelHandlerContext ctx, FloeException e) {
        FullHttpResponse r = errorResponse(ctx.alloc().buffer(128), e, JSON_10);
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    /** The JSON content type of the request (1.0, 1.1 or plain JSON), or null if it is none of them. */
    private static CharSequence contentType(HttpHeaders h) {
        String type = h.get(HttpHeaderNames.CONTENT_TYPE);
        if (type == null) {
            return null;
        }
        int semi = type.indexOf(';');
        String bare = (semi < 0 ? type : type.substring(0, semi)).trim();
        if (JSON_10.contentEqualsIgnoreCase(bare)) {
            return JSON_10;
        }
        if (JSON_11.contentEqualsIgnoreCase(bare)) {
            return JSON_11;
        }
        return "application/json".equalsIgnoreCase(bare) ? HttpHeaderValues.APPLICATION_JSON : null;
    }
}
