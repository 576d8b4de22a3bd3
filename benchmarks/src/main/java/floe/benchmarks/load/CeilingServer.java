package floe.benchmarks.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The machine's HTTP ceiling for the load benchmark: a Netty server that does
 * nothing. It is set up like FloeDB's server (NIO transport, one accept thread,
 * Netty's default number of I/O threads, TCP_NODELAY, HTTP/1.1 codec and body
 * aggregation) and answers every request, whatever it asks, with the same small
 * JSON body {@code {}} and the headers FloeDB sends (content type and length, a
 * request id, the body's CRC32). {@code {}} is a valid GetItem, PutItem and Query
 * response, so the AWS SDK accepts it too.
 *
 * <pre>java -cp benchmarks.jar floe.benchmarks.load.CeilingServer --port 8001 [--host 127.0.0.1]</pre>
 */
public final class CeilingServer {
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final AsciiString JSON_10 = AsciiString.cached("application/x-amz-json-1.0");
    private static final AsciiString REQUEST_ID_HEADER = AsciiString.cached("x-amzn-RequestId");
    private static final AsciiString CRC32_HEADER = AsciiString.cached("x-amz-crc32");
    /** A request id of DynamoDB's shape (52 characters); always the same one. */
    private static final AsciiString REQUEST_ID = AsciiString.cached("CEILING" + "0".repeat(45));

    private static final AsciiString CRC;
    private static final AsciiString LENGTH = AsciiString.cached(Integer.toString(BODY.length));

    static {
        CRC32 crc = new CRC32();
        crc.update(BODY);
        CRC = AsciiString.cached(Long.toString(crc.getValue()));
    }

    private CeilingServer() {}

    /**
     * Serves until killed.
     *
     * @param args {@code --port N} (0 for any free port), {@code --host ADDRESS}
     * @throws InterruptedException if interrupted while binding
     */
    public static void main(String[] args) throws InterruptedException {
        Shape.Args a = new Shape.Args(args, "CeilingServer --port N [--host 127.0.0.1]");
        String host = a.get("host", "127.0.0.1");
        int port = a.getInt("port", 8001);
        NioEventLoopGroup boss = new NioEventLoopGroup(1);
        NioEventLoopGroup workers = new NioEventLoopGroup(0);
        Channel listener = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(
                                        new HttpServerCodec(),
                                        new HttpObjectAggregator(16 * 1024 * 1024),
                                        new Answer());
                    }
                })
                .bind(new InetSocketAddress(host, port))
                .sync()
                .channel();
        System.err.println("ceiling server listening on http://" + host + ":"
                + ((InetSocketAddress) listener.localAddress()).getPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            listener.close().awaitUninterruptibly();
            workers.shutdownGracefully();
            boss.shutdownGracefully();
        }));
        listener.closeFuture().sync();
    }

    private static final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse r = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(BODY));
            HttpHeaders h = r.headers();
            h.set(HttpHeaderNames.CONTENT_TYPE, JSON_10);
            h.set(HttpHeaderNames.CONTENT_LENGTH, LENGTH);
            h.set(REQUEST_ID_HEADER, REQUEST_ID);
            h.set(CRC32_HEADER, CRC);
            if (HttpUtil.isKeepAlive(request)) {
                ctx.writeAndFlush(r);
            } else {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
