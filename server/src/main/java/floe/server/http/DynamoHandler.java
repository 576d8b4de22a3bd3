package floe.server.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import floe.api.FloeConfig;
import floe.api.error.AccessDeniedException;
import floe.api.error.FloeException;
import floe.api.error.InternalServerError;
import floe.api.error.SerializationException;
import floe.api.error.UnknownOperationException;
import floe.server.auth.Authorization;
import floe.server.auth.IdentityFile;
import floe.server.auth.Principal;
import floe.server.auth.RequestAuthorizer;
import floe.server.auth.SigV4Verifier;
import floe.server.auth.SignedRequest;
import floe.server.iam.IamQuery;
import floe.server.json.ErrorJson;
import floe.server.json.Guard;
import floe.server.json.PluginService;
import floe.server.json.WireOperations;
import floe.server.json.WireTarget;
import floe.server.sts.StsQuery;
import floe.spi.extension.WireAccess;
import floe.spi.extension.WireServiceException;
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
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * One connection's requests: DynamoDB's checks in DynamoDB's order (method and
 * content type, target, authorization, body), the operation, and the response with
 * its request id and CRC32. Responses leave in request order even when pipelined:
 * an operation that may block runs off the I/O thread, and the requests behind it
 * wait their turn.
 *
 * <p>An item write never blocks a thread: the I/O thread reads and checks it and hands it to
 * the database's committer ({@link WireOperations.Operation#start}); the committer's thread
 * commits (and syncs) it with others, and its completion hands the answer back to the
 * connection's I/O thread, which writes it. Two thread hand-offs, and no thread waits on a
 * commit. Other operations that may block run on the blocking pool.
 */
final class DynamoHandler extends ChannelInboundHandlerAdapter {
    static final AsciiString REQUEST_ID = AsciiString.cached("x-amzn-RequestId");
    /**
     * FloeDB's own response header on a single-item write stamped for global tables:
     * {@code <hlc> <region>}, the write's hidden last-writer-wins stamp. Of two writes to an
     * item, every replica ends with the one of the greater (hlc, region).
     */
    static final AsciiString REPLICATION_STAMP = AsciiString.cached("x-floe-replication-stamp");

    static final AsciiString CRC32_HEADER = AsciiString.cached("x-amz-crc32");
    private static final AsciiString TARGET = AsciiString.cached("x-amz-target");
    private static final AsciiString AMZ_DATE = AsciiString.cached("x-amz-date");
    private static final AsciiString JSON_10 = AsciiString.cached("application/x-amz-json-1.0");
    private static final AsciiString JSON_11 = AsciiString.cached("application/x-amz-json-1.1");
    private static final AsciiString TEXT_XML = AsciiString.cached("text/xml");
    /** What DynamoDB calls itself in the {@code Server} header. */
    private static final AsciiString SERVER_NAME = AsciiString.cached("Server");

    private static final byte[] UNKNOWN_OPERATION =
            "<UnknownOperationException/>\n".getBytes(StandardCharsets.US_ASCII);

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final ServerContext server;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private final Utf8Check utf8 = new Utf8Check();
    private boolean busy;
    /** Where this connection's requests come from, for authorization; known once the first is authorized. */
    private RequestAuthorizer.Origin client;

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
        if (cause instanceof DecoderException && ctx.channel().isActive()) {
            server.log().debug("undecodable request: " + cause);
            // A body that cannot be decoded (a corrupt gzip stream): the protocol's serialization error, then close,
            // since the rest of the stream cannot be trusted.
            reject(ctx, new SerializationException(null), null);
            return;
        }
        if (cause instanceof IOException) {
            // Connection-level trouble (a reset): nothing useful to answer.
            server.log().debug("connection error: " + cause);
        } else {
            server.log().error("unexpected error on a connection; closing it", cause);
        }
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
        HttpHeaders h = request.headers();
        String origin = h.get(HttpHeaderNames.ORIGIN);
        CharSequence type = contentType(h);
        // The content type of an answer to a request that named none of the JSON types (one with no body).
        CharSequence answerType = type != null ? type : HttpHeaderValues.APPLICATION_JSON;
        try {
            if (!request.decoderResult().isSuccess()) {
                send(ctx, error(new SerializationException(null), answerType), false, origin);
                return;
            }
            HttpMethod method = request.method();
            if (method.equals(HttpMethod.OPTIONS) && origin != null) {
                send(ctx, Cors.preflight(request), keepAlive, null);
                return;
            }
            if (method.equals(HttpMethod.GET) && "/".equals(request.uri())) {
                String writes = server.writeHealth().status();
                send(
                        ctx,
                        text(
                                HttpResponseStatus.OK,
                                "healthy: dynamodb." + server.region() + ".amazonaws.com "
                                        + (writes == null ? "" : "\n" + writes + "\n")
                                        // anyone may ask for the health check: with auth on, the plugins'
                                        // lines (tables, peers) are for signed callers (floe replicas)
                                        + (server.verifier() == null ? pluginStatus(writes == null) : "")),
                        keepAlive,
                        origin);
                return;
            }
            // DynamoDB's checks, in its order: method and content type (a body that names no JSON type is no
            // operation of its); the body is JSON; the target; the credentials; and only then an empty body.
            // A POST with a body and no content type, or another one, gets 404 <UnknownOperationException/>:
            // dynalite's connection tests, written against DynamoDB ("should return 404 if body but no
            // content-type"), and public reports of DynamoDB's 404 to a wrong content type (rusoto issue 215,
            // taws issue 165). With no body and no content type the checks go on as for a JSON request.
            ByteBuf content = request.content();
            boolean hasBody = content.isReadable();
            if (method.equals(HttpMethod.POST) && StsQuery.isQuery(h.get(HttpHeaderNames.CONTENT_TYPE))) {
                sts(ctx, request, keepAlive, origin);
                return;
            }
            if (!method.equals(HttpMethod.POST) || hasBody && type == null) {
                FullHttpResponse r = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND, Unpooled.wrappedBuffer(UNKNOWN_OPERATION));
                finish(r, JSON_10);
                send(ctx, r, keepAlive, origin);
                return;
            }
            if (hasBody && !utf8.valid(content)) {
                send(ctx, error(new SerializationException(null), answerType), keepAlive, origin);
                return;
            }
            String target = h.get(TARGET);
            WireOperations.Operation op = WireOperations.find(target);
            PluginService service = op == null ? server.target().service(target) : null;
            if (service != null) {
                serve(ctx, service, target, request, keepAlive, origin);
                return;
            }
            if (op == null) {
                send(
                        ctx,
                        error(
                                hasBody && !wellFormed(content)
                                        ? new SerializationException(null)
                                        : new UnknownOperationException(null),
                                answerType),
                        keepAlive,
                        origin);
                return;
            }
            // An empty date header is no date, as DynamoDB reads it.
            String amzDate = nonEmpty(h.get(AMZ_DATE));
            String date = amzDate != null ? amzDate : nonEmpty(h.get(HttpHeaderNames.DATE));
            Guard guard = Guard.NONE;
            WireTarget namespace;
            try {
                SigV4Verifier verifier = server.verifier();
                if (verifier == null) {
                    Authorization credentials =
                            Authorization.check(h.get(HttpHeaderNames.AUTHORIZATION), date, amzDate == null);
                    namespace = server.target(null, credentials.region());
                } else {
                    Principal principal = verifier.verify(new SignedRequest(
                            method.name(), request.uri(), name -> values(h, name), h::get, content.nioBuffer()));
                    guard = guard(ctx, principal, target);
                    // the caller's account in the Region it signed for: a table ARN of another account moves a
                    // request the policies allow to that account's namespace (the guard's route)
                    namespace = server.target(principal.account(), principal.region());
                }
            } catch (FloeException e) {
                send(
                        ctx,
                        error(hasBody && !wellFormed(content) ? new SerializationException(null) : e, answerType),
                        keepAlive,
                        origin);
                return;
            }
            if (!hasBody) {
                send(ctx, error(new SerializationException(null), answerType), keepAlive, origin);
                return;
            }
            Guard checked = guard;
            // FloeDB's own operations (the floe command's calls) address the database, whose default
            // namespace they name, whatever Region their scope names
            WireTarget answering = target.startsWith(WireOperations.ADMIN_PREFIX + ".") ? server.target() : namespace;
            if (op.starts(answering)) {
                start(ctx, op, answering, target, request, type, checked, keepAlive, origin);
                return;
            }
            if (op.blocking()) {
                busy = true;
                request.retain();
                try {
                    server.blocking().execute(() -> {
                        FullHttpResponse r = run(op, answering, target, request, type, checked);
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
            send(ctx, run(op, answering, target, request, type, checked), keepAlive, origin);
        } catch (FloeException e) {
            send(ctx, error(e, answerType), keepAlive, origin);
        } catch (RuntimeException e) {
            // A bug on the server's side: the operator gets the stack trace (once), the client DynamoDB's 500.
            server.log().error("internal error handling " + h.get(TARGET), e);
            send(ctx, error(new InternalServerError("Internal server error"), answerType), keepAlive, origin);
        } finally {
            request.release();
        }
    }

    /**
     * The plugins' services' lines for the status page (the replication backlog and lag per peer),
     * each on a line of its own after the health line; nothing when none has any. A service whose
     * status fails is named with its error rather than failing the health check.
     */
    private String pluginStatus(boolean first) {
        StringBuilder b = new StringBuilder();
        for (PluginService s : new java.util.TreeMap<>(server.target().services()).values()) {
            try {
                for (String line : s.service().statusLines()) {
                    b.append(line).append('\n');
                }
            } catch (RuntimeException e) {
                b.append(s.targetPrefix())
                        .append(": status unavailable (")
                        .append(e)
                        .append(")\n");
            }
        }
        return b.length() == 0 ? "" : first ? "\n" + b : b.toString();
    }

    /**
     * Starts an operation that does not block (an item write): reads and checks it here, on the
     * I/O thread, and hands it to the database; its answer is sent from this connection's I/O
     * thread once the write has committed. The requests behind it wait, so answers keep their order.
     */
    private void start(
            ChannelHandlerContext ctx,
            WireOperations.Operation op,
            WireTarget namespace,
            String target,
            FullHttpRequest request,
            CharSequence type,
            Guard guard,
            boolean keepAlive,
            String origin) {
        String accept = request.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
        CompletableFuture<WireOperations.Answer> started;
        try (InputStream in = new ByteBufInputStream(request.content().duplicate());
                JsonParser p = JSON.createParser(in)) {
            started = op.start(namespace, p, guard);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            started = CompletableFuture.failedFuture(e);
        }
        if (started.isDone()) {
            // refused before it was handed over, or committed at once (a store that never syncs)
            send(ctx, answer(op, target, started, type, accept), keepAlive, origin);
            return;
        }
        busy = true;
        CompletableFuture<WireOperations.Answer> pending = started;
        pending.whenComplete((ignored, failed) -> ctx.executor().execute(() -> {
            busy = false;
            send(ctx, answer(op, target, pending, type, accept), keepAlive, origin);
            drain(ctx);
        }));
    }

    /** The response of a started operation, once its future is complete. */
    private FullHttpResponse answer(
            WireOperations.Operation op,
            String target,
            CompletableFuture<WireOperations.Answer> done,
            CharSequence type,
            String accept) {
        WireOperations.Answer answer;
        try {
            answer = done.join();
        } catch (CompletionException | CancellationException e) {
            return failure(
                    op, target, e instanceof CompletionException && e.getCause() != null ? e.getCause() : e, type);
        }
        ByteBuf body = server.allocator().buffer(256);
        try (OutputStream out = new ByteBufOutputStream(body);
                JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            answer.write(g);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            body.release();
            return failure(op, target, e, type);
        }
        FullHttpResponse r = success(op, target, body, accept, type);
        if (answer.stamp() != null && r.status().code() == 200) {
            r.headers().set(REPLICATION_STAMP, answer.stamp());
        }
        return r;
    }

    /**
     * A request in the AWS Query protocol: IAM's (it names IAM's API version, and is signed for
     * {@code iam}) or STS's (signed for {@code sts}). STS's GetCallerIdentity is answered on the I/O
     * thread, as it reads only the verified caller; the calls that issue credentials, and IAM's,
     * on the blocking executor, as they write the identities' files.
     */
    private void sts(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive, String origin) {
        HttpHeaders h = request.headers();
        String id = RequestIds.next();
        Map<String, String> form = StsQuery.form(request.content().toString(StandardCharsets.UTF_8));
        boolean iam = IamQuery.VERSION.equals(form.get("Version"));
        String service = iam ? IamQuery.SIGNING_NAME : StsQuery.SIGNING_NAME;
        StsQuery.Call call;
        try {
            SigV4Verifier verifier = server.verifier();
            if (verifier == null) {
                String amzDate = nonEmpty(h.get(AMZ_DATE));
                String date = amzDate != null ? amzDate : nonEmpty(h.get(HttpHeaderNames.DATE));
                Authorization credentials =
                        Authorization.check(h.get(HttpHeaderNames.AUTHORIZATION), date, amzDate == null, service);
                call = new StsQuery.Call(
                        StsQuery.anyone(FloeConfig.DEFAULT_ACCOUNT, credentials.accessKeyId()),
                        credentials.accessKeyId(),
                        credentials.region(),
                        null,
                        null,
                        Clock.systemUTC());
            } else {
                Principal principal = verifier.verify(
                        new SignedRequest(
                                request.method().name(),
                                request.uri(),
                                h::getAll,
                                h::get,
                                request.content().nioBuffer()),
                        service);
                call = new StsQuery.Call(
                        principal.identity(),
                        principal.accessKeyId(),
                        principal.region(),
                        origin(ctx).sourceIp(),
                        server.identities(),
                        Clock.systemUTC());
            }
        } catch (FloeException e) {
            // IAM's codes and shape for credentials that do not verify are STS's (both are Query services)
            StsQuery.Answer answer = StsQuery.error(e, id);
            sendSts(
                    ctx,
                    answer.status(),
                    iam ? answer.xml().replace(StsQuery.XMLNS, IamQuery.XMLNS) : answer.xml(),
                    id,
                    keepAlive,
                    origin);
            return;
        }
        if (!iam && !StsQuery.issues(form)) {
            StsQuery.Answer answer = StsQuery.answer(form, call, id);
            sendSts(ctx, answer.status(), answer.xml(), id, keepAlive, origin);
            return;
        }
        StsQuery.Call asked = call;
        busy = true;
        try {
            server.blocking().execute(() -> {
                int status;
                String xml;
                try {
                    if (iam) {
                        IdentityFile identities = asked.identities();
                        IamQuery.Answer answer = IamQuery.answer(
                                form,
                                new IamQuery.Call(
                                        asked.caller(),
                                        identities != null && identities.get().temporary(asked.accessKeyId()),
                                        asked.region(),
                                        asked.sourceIp(),
                                        identities,
                                        asked.clock()),
                                id);
                        status = answer.status();
                        xml = answer.xml();
                    } else {
                        StsQuery.Answer answer = StsQuery.answer(form, asked, id);
                        status = answer.status();
                        xml = answer.xml();
                    }
                } catch (RuntimeException e) {
                    // answered, so that the connection's next requests go on
                    server.log().warn("a Query protocol request failed: " + e);
                    StsQuery.Answer answer = StsQuery.error(new InternalServerError("Internal server error"), id);
                    status = answer.status();
                    xml = answer.xml();
                }
                int finalStatus = status;
                String finalXml = xml;
                ctx.executor().execute(() -> {
                    busy = false;
                    sendSts(ctx, finalStatus, finalXml, id, keepAlive, origin);
                    drain(ctx);
                });
            });
        } catch (RejectedExecutionException e) {
            busy = false;
            StsQuery.Answer answer = StsQuery.error(new InternalServerError("Internal server error"), id);
            sendSts(ctx, answer.status(), answer.xml(), id, false, origin);
        }
    }

    private void sendSts(
            ChannelHandlerContext ctx, int status, String xml, String id, boolean keepAlive, String origin) {
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status),
                Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8));
        finish(r, TEXT_XML);
        r.headers().set(REQUEST_ID, id);
        send(ctx, r, keepAlive, origin);
    }

    /**
     * A request to a plugin's JSON-protocol service: the credentials checked as for DynamoDB,
     * then the call on the blocking executor (a service may write durable state).
     */
    private void serve(
            ChannelHandlerContext ctx,
            PluginService service,
            String target,
            FullHttpRequest request,
            boolean keepAlive,
            String origin) {
        HttpHeaders h = request.headers();
        AsciiString type = AsciiString.of(service.contentType());
        String amzDate = nonEmpty(h.get(AMZ_DATE));
        String date = amzDate != null ? amzDate : nonEmpty(h.get(HttpHeaderNames.DATE));
        Principal principal = null;
        try {
            SigV4Verifier verifier = server.verifier();
            if (verifier == null) {
                Authorization.check(h.get(HttpHeaderNames.AUTHORIZATION), date, amzDate == null, service.signingName());
            } else {
                principal = verifier.verify(
                        new SignedRequest(
                                request.method().name(),
                                request.uri(),
                                h::getAll,
                                h::get,
                                request.content().nioBuffer()),
                        service.signingName());
            }
        } catch (FloeException e) {
            send(ctx, error(e, type), keepAlive, origin);
            return;
        }
        RequestAuthorizer authorizer = principal == null ? null : server.authorizer();
        Principal caller = principal;
        RequestAuthorizer.Origin from = authorizer == null ? null : origin(ctx);
        busy = true;
        request.retain();
        try {
            server.blocking().execute(() -> {
                FullHttpResponse r;
                try {
                    r = callService(
                            service,
                            target,
                            request,
                            type,
                            authorizer == null ? null : asked -> authorizer.authorize(caller, asked, from));
                } finally {
                    request.release();
                }
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
    }

    private FullHttpResponse callService(
            PluginService service,
            String target,
            FullHttpRequest request,
            AsciiString type,
            Consumer<List<WireAccess>> authorize) {
        ByteBuf body = server.allocator().buffer(256);
        HttpResponseStatus status = HttpResponseStatus.OK;
        try (InputStream in = new ByteBufInputStream(request.content().duplicate());
                JsonParser p = JSON.createParser(in);
                OutputStream out = new ByteBufOutputStream(body);
                JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            String operation = target.substring(target.indexOf('.') + 1);
            try {
                Map<String, Object> read = service.read(p);
                if (authorize != null) {
                    try {
                        authorize.accept(service.access(operation, read));
                    } catch (AccessDeniedException e) {
                        // The service's own error shape: KMS answers AccessDeniedException, HTTP 400, AWS's message.
                        throw new WireServiceException("AccessDeniedException", 400, e.getMessage());
                    }
                }
                service.answer(operation, read, g);
            } catch (WireServiceException e) {
                g.flush();
                body.clear();
                status = HttpResponseStatus.valueOf(e.status());
                PluginService.writeError(e, g);
            }
        } catch (JsonProcessingException e) {
            body.release();
            return error(new SerializationException(null), type);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            body.release();
            server.log().error("internal error in " + target, e);
            return error(new InternalServerError("Internal server error"), type);
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        finish(r, type);
        return r;
    }

    /**
     * The guard of a verified request: its caller's policies, asked once the request is read; a
     * cross-account request they allow runs in the namespace of the account that owns its table.
     */
    private Guard guard(ChannelHandlerContext ctx, Principal principal, String target) {
        RequestAuthorizer authorizer = server.authorizer();
        RequestAuthorizer.Origin source = origin(ctx);
        return new Guard() {
            @Override
            public void check(Object request) {
                authorizer.authorize(principal, target, request, source);
            }

            @Override
            public WireTarget route(Object request, WireTarget asked) {
                String owner = authorizer.authorize(principal, target, request, source);
                return owner.equals(principal.account()) ? asked : server.target(owner, principal.region());
            }
        };
    }

    /** Where this connection's requests come from. */
    private RequestAuthorizer.Origin origin(ChannelHandlerContext ctx) {
        RequestAuthorizer.Origin from = client;
        if (from == null) {
            // one connection, one client: asked once
            String sourceIp = ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                    ? a.getAddress().getHostAddress()
                    : null;
            from = new RequestAuthorizer.Origin(sourceIp, ctx.pipeline().get(SslHandler.class) != null);
            client = from;
        }
        return from;
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * Every value of a header, in the order received, for the canonical request. A signed header
     * nearly always comes once: its one value is read without Netty's list of all (a linked list
     * built per header of every signed request).
     */
    static List<String> values(HttpHeaders h, String name) {
        Iterator<String> all = h.valueStringIterator(name);
        if (!all.hasNext()) {
            return List.of();
        }
        String first = all.next();
        // several values: the list of all, which keeps their order (the iterator need not)
        return all.hasNext() ? h.getAll(name) : List.of(first);
    }

    /** Whether a body is one JSON value and nothing else: asked only on the way to an error, never of a served request. */
    private static boolean wellFormed(ByteBuf content) {
        try (InputStream in = new ByteBufInputStream(content.duplicate());
                JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs an operation; every failure becomes DynamoDB's error response, never a stack trace. */
    private FullHttpResponse run(
            WireOperations.Operation op,
            WireTarget namespace,
            String target,
            FullHttpRequest request,
            CharSequence type,
            Guard guard) {
        String accept = request.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
        ByteBuf body = server.allocator().buffer(256);
        try (InputStream in = new ByteBufInputStream(request.content().duplicate());
                JsonParser p = JSON.createParser(in);
                OutputStream out = new ByteBufOutputStream(body);
                JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            op.call(namespace, p, g, request.headers().get(HttpHeaderNames.HOST), guard);
            g.flush();
        } catch (IOException | RuntimeException | StackOverflowError e) {
            body.release();
            return failure(op, target, e, type);
        } finally {
            if (op.blocking()) {
                request.release();
            }
        }
        return success(op, target, body, accept, type);
    }

    /** The answer of an operation that succeeded: its body, compressed for a client that asks for it. */
    private FullHttpResponse success(
            WireOperations.Operation op, String target, ByteBuf body, String accept, CharSequence type) {
        if (op.blocking() && !target.contains(".Delete")) {
            // a write that needed room (a delete may succeed while the store is full)
            server.writeHealth().succeeded();
        }
        AsciiString encoding =
                accept != null && body.readableBytes() >= server.compressAbove() ? Compression.choose(accept) : null;
        if (encoding != null) {
            ByteBuf plain = body;
            try {
                body = Compression.compress(server.allocator(), plain, encoding);
            } catch (RuntimeException e) {
                return failure(op, target, e, type);
            } finally {
                plain.release();
            }
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
        if (encoding != null) {
            r.headers().set(HttpHeaderNames.CONTENT_ENCODING, encoding);
        }
        finish(r, type);
        return r;
    }

    /** The one mapping of an operation's failure to DynamoDB's error response; never a stack trace. */
    private FullHttpResponse failure(WireOperations.Operation op, String target, Throwable t, CharSequence type) {
        if (t instanceof FloeException e) {
            if (e.httpStatus() >= 500) {
                if (op.blocking()) {
                    server.writeHealth().failed(target.substring(target.indexOf('.') + 1), e);
                } else {
                    server.log()
                            .warn(target + " answered " + e.errorType() + ": " + e.getMessage()
                                    + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
                }
            }
            return error(e, type);
        }
        if (t instanceof JsonProcessingException) {
            return error(new SerializationException(null), type);
        }
        server.log().error("internal error in " + target, t);
        return error(new InternalServerError("Internal server error"), type);
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

    /** The headers every response carries: type, length, request id, the body's CRC32 (of the bytes sent), date and server. */
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
        h.set(HttpHeaderNames.DATE, HttpDate.now());
        h.set(HttpHeaderNames.SERVER, SERVER_NAME);
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

    /** Answers a request whose body cannot be decoded with DynamoDB's error, and closes the connection. */
    static void reject(ChannelHandlerContext ctx, FloeException e, String origin) {
        reject(ctx, errorResponse(ctx.alloc().buffer(128), e, JSON_10), origin);
    }

    /** Sends a last answer on a connection, then closes it. */
    static void reject(ChannelHandlerContext ctx, FullHttpResponse r, String origin) {
        if (origin != null) {
            Cors.decorate(r);
        }
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    /** DynamoDB's answer to a body over its size limit: 413, with no body. */
    static FullHttpResponse tooLarge() {
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.EMPTY_BUFFER);
        finish(r, JSON_10);
        return r;
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
