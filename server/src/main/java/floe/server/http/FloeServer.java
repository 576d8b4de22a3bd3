package floe.server.http;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.error.SerializationException;
import floe.server.Log;
import floe.server.auth.IdentityFile;
import floe.server.auth.RequestAuthorizer;
import floe.server.auth.SecretSeal;
import floe.server.auth.SigV4Verifier;
import floe.server.auth.TableFacts;
import floe.server.json.WireTarget;
import floe.spi.extension.ValueSealer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * FloeDB as a server speaking DynamoDB's JSON protocol over HTTP/1.1 (Netty, NIO
 * transport; keep-alive and pipelining). The server does not own the database:
 * whoever opened it closes it after {@link #close()}.
 */
public final class FloeServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService blocking;
    private final ServerContext context;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel listener;
    private final Log log;

    private FloeServer(WireTarget target, ServerConfig config, Log log, ValueSealer secrets)
            throws InterruptedException {
        this.log = log;
        SigV4Verifier verifier = null;
        RequestAuthorizer authorizer = null;
        IdentityFile identities = null;
        if (config.identities() != null) {
            try {
                identities =
                        IdentityFile.open(config.identities(), log, secrets == null ? null : SecretSeal.with(secrets));
                verifier = new SigV4Verifier(identities, Clock.systemUTC());
                // Tables are read in the namespace of the account and Region a request names; the plugins'
                // services (KMS's) name the database's default account in their ARNs, which the authorizer
                // reads as the caller's own.
                authorizer = new RequestAuthorizer(
                        new TableFacts(
                                (account, region) -> namespace(account, region).db(), System::nanoTime),
                        FloeConfig.DEFAULT_ACCOUNT,
                        Clock.systemUTC());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the identities file " + config.identities(), e);
            }
        }
        boss = new NioEventLoopGroup(1, daemon("floe-accept"));
        workers = new NioEventLoopGroup(config.ioThreads(), daemon("floe-io"));
        blocking = Executors.newFixedThreadPool(config.blockingThreads(), daemon("floe-write"));
        context = new ServerContext(target, config, log, blocking, identities, verifier, authorizer);
        ServerConfig.Timeouts limits = config.timeouts();
        AtomicInteger open = new AtomicInteger();
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (open.incrementAndGet() > limits.maxConnections()) {
                            open.decrementAndGet();
                            log.warn("refused a connection from " + ch.remoteAddress() + ": " + limits.maxConnections()
                                    + " are open already");
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(done -> open.decrementAndGet());
                        connections.add(ch);
                        ConnectionTimeouts timeouts = new ConnectionTimeouts(limits);
                        BodyLimit limit = new BodyLimit(config.maxBodyBytes());
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(timeouts.bytes());
                        p.addLast(new HttpServerCodec());
                        p.addLast(timeouts.messages());
                        p.addLast(new HttpServerExpectContinueHandler());
                        p.addLast(
                                new Decompressor(limit)); // the allocator bounds the buffer; BodyLimit bounds the body
                        p.addLast(limit);
                        p.addLast(new DynamoHandler(context));
                    }
                });
        ChannelFuture bound =
                b.bind(new InetSocketAddress(config.host(), config.port())).await();
        if (!bound.isSuccess()) {
            shutdownThreads();
            // Netty rethrows the bind error unchecked but untyped; callers get a plain message instead.
            Throwable cause = bound.cause();
            throw new UncheckedIOException(
                    cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause));
        }
        listener = bound.channel();
    }

    /** The namespace of an account's Region, as requests reach it (the context is made after the authorizer). */
    private WireTarget namespace(String account, String region) {
        return context.target(account, region);
    }

    /**
     * Starts a server.
     *
     * @param db the database to serve
     * @param config where and how to listen
     * @param log where the server logs
     * @return the running server
     * @throws UncheckedIOException if the address cannot be bound (in use, say)
     */
    public static FloeServer start(FloeDb db, ServerConfig config, Log log) {
        return start(WireTarget.of(db), config, log);
    }

    /**
     * Starts a server over a database and what the runtime installed beside it.
     *
     * @param target the database and its installed backends and plugins
     * @param config where and how to listen
     * @param log where the server logs
     * @return the running server
     * @throws UncheckedIOException if the address cannot be bound (in use, say)
     */
    public static FloeServer start(WireTarget target, ServerConfig config, Log log) {
        return start(target, config, log, null);
    }

    /**
     * Starts a server whose identities file's secrets are sealed at rest by the encryption
     * plugin's value sealer ({@link SecretSeal}).
     *
     * @param target the database and its installed backends and plugins
     * @param config where and how to listen
     * @param log where the server logs
     * @param secrets the installed value sealer, or null when none is
     * @return the running server
     * @throws UncheckedIOException if the address cannot be bound (in use, say)
     */
    public static FloeServer start(WireTarget target, ServerConfig config, Log log, ValueSealer secrets) {
        try {
            return new FloeServer(target, config, log, secrets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /** @return the port the server listens on (the real one when 0 was asked for) */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * Stops accepting connections, lets the requests in flight finish (up to 30
     * seconds), then closes every connection and stops the threads.
     */
    @Override
    public void close() {
        try {
            listener.close().sync();
            if (!context.awaitIdle(30, TimeUnit.SECONDS)) {
                log.warn("requests still in flight after 30 s; closing anyway");
            }
            connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            shutdownThreads();
        }
    }

    private void shutdownThreads() {
        blocking.shutdown();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        try {
            blocking.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Daemon threads named {@code name-1}, {@code name-2} ... Netty's own thread type, so that its
     * per-thread state (buffer caches, recyclers, the promise listeners' depth, read on every
     * request) is a field of the thread rather than a {@link ThreadLocal} looked up by hash.
     */
    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new FastThreadLocalThread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Inflates a compressed body, and tells the body limit whether the body it counts was compressed. */
    private static final class Decompressor extends HttpContentDecompressor {
        private final BodyLimit limit;

        Decompressor(BodyLimit limit) {
            super(0);
            this.limit = limit;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, HttpObject msg, List<Object> out) throws Exception {
            if (msg instanceof HttpMessage) {
                limit.inflated = false;
            }
            super.decode(ctx, msg, out);
        }

        @Override
        protected EmbeddedChannel newContentDecoder(String contentEncoding) throws Exception {
            EmbeddedChannel decoder = super.newContentDecoder(contentEncoding);
            limit.inflated = decoder != null;
            return decoder;
        }
    }

    /**
     * Aggregates a request's body up to the limit. A body sent larger than the limit
     * (by its Content-Length, or chunk by chunk) gets DynamoDB's 413; a compressed body
     * that inflates past it gets the protocol's 400 serialization error. Either way
     * the connection closes, since the rest of the stream is not read.
     */
    private static final class BodyLimit extends HttpObjectAggregator {
        boolean inflated;

        BodyLimit(int max) {
            super(max);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            String origin = oversized.headers().get(HttpHeaderNames.ORIGIN);
            if (inflated) {
                // Best guess at DynamoDB's answer to a compressed body too large once inflated.
                DynamoHandler.reject(
                        ctx,
                        new SerializationException(
                                "Request body exceeded the maximum allowed size of " + maxContentLength() + " bytes"),
                        origin);
            } else {
                DynamoHandler.reject(ctx, DynamoHandler.tooLarge(), origin);
            }
        }
    }
}
