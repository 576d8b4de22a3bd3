package floe.server.http;

import floe.api.FloeDb;
import floe.api.error.SerializationException;
import floe.server.Log;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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

    private FloeServer(FloeDb db, ServerConfig config, Log log) throws InterruptedException {
        this.log = log;
        boss = new NioEventLoopGroup(1, daemon("floe-accept"));
        workers = new NioEventLoopGroup(config.ioThreads(), daemon("floe-io"));
        blocking = Executors.newFixedThreadPool(config.blockingThreads(), daemon("floe-write"));
        context = new ServerContext(db, config.region(), log, blocking);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(new HttpServerCodec());
                        p.addLast(new HttpServerExpectContinueHandler());
                        p.addLast(new HttpContentDecompressor(
                                0)); // 0: the allocator bounds the buffer; BodyLimit bounds the body
                        p.addLast(new BodyLimit(config.maxBodyBytes()));
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
        try {
            return new FloeServer(db, config, log);
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

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Aggregates a request's body up to the limit; a larger body gets DynamoDB's error and the connection closes. */
    private static final class BodyLimit extends HttpObjectAggregator {
        BodyLimit(int max) {
            super(max);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            // Best guess at DynamoDB's answer: the protocol's 400 serialization error, then the connection closes.
            DynamoHandler.reject(
                    ctx,
                    new SerializationException(
                            "Request body exceeded the maximum allowed size of " + maxContentLength() + " bytes"));
        }
    }
}
