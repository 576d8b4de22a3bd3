package floe.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How long one connection may be held: a request's line and headers must arrive
 * within the header timeout of its first byte; a partly received request may not
 * go longer than the read timeout without a byte; a connection with no request on
 * it (and no answer owed) is closed after the idle timeout, as DynamoDB's front end
 * closes idle connections. A connection waiting for its answer is never timed out.
 *
 * <p>Two handlers share the state: {@link #bytes()} sits before the HTTP codec and
 * sees every read; {@link #messages()} sits after it and sees where requests start
 * and end, and the answers going out. A read costs a clock read; one timer per
 * connection wakes at the nearest deadline.
 */
final class ConnectionTimeouts {
    private final long headerNanos;
    private final long readNanos;
    private final long idleNanos;
    /** The timer never sleeps longer than the shortest timeout, so that a deadline set after it was armed is kept. */
    private final long tickNanos;

    private long lastRead;
    private long lastAnswered;
    /** A request has begun arriving and has not fully arrived. */
    private boolean receiving;
    /** ... and its headers are complete. */
    private boolean headersDone;

    private long requestStart;
    /** Requests fully received whose final answer has not been written yet. */
    private int owed;

    private ScheduledFuture<?> timer;

    ConnectionTimeouts(ServerConfig.Timeouts t) {
        headerNanos = TimeUnit.MILLISECONDS.toNanos(t.headerMillis());
        readNanos = TimeUnit.MILLISECONDS.toNanos(t.readMillis());
        idleNanos = TimeUnit.MILLISECONDS.toNanos(t.idleMillis());
        tickNanos = Math.min(idleNanos, Math.min(headerNanos, readNanos));
    }

    ChannelInboundHandlerAdapter bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                lastRead = lastAnswered = System.nanoTime();
                schedule(ctx, tickNanos);
                ctx.fireChannelActive();
            }

            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                if (ctx.channel().isActive() && timer == null) {
                    lastRead = lastAnswered = System.nanoTime();
                    schedule(ctx, tickNanos);
                }
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf b && b.isReadable()) {
                    lastRead = System.nanoTime();
                    if (!receiving) {
                        receiving = true;
                        headersDone = false;
                        requestStart = lastRead;
                    }
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                if (timer != null) {
                    timer.cancel(false);
                }
                ctx.fireChannelInactive();
            }
        };
    }

    ChannelDuplexHandler messages() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    receiving = true;
                    headersDone = true;
                }
                if (msg instanceof LastHttpContent) {
                    receiving = false;
                    owed++;
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof HttpResponse r && r.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
                    promise = promise.unvoid();
                    promise.addListener(done -> {
                        owed = Math.max(0, owed - 1);
                        lastAnswered = System.nanoTime();
                    });
                }
                ctx.write(msg, promise);
            }
        };
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor()
                .schedule(
                        () -> check(ctx), Math.max(delayNanos, TimeUnit.MILLISECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        long next;
        if (receiving) {
            long readLeft = lastRead + readNanos - now;
            long headerLeft = headersDone ? Long.MAX_VALUE : requestStart + headerNanos - now;
            next = Math.min(readLeft, headerLeft);
        } else if (owed > 0) {
            next = idleNanos; // an answer is being worked out: look again later
        } else {
            next = Math.max(lastRead, lastAnswered) + idleNanos - now;
        }
        if (next <= 0) {
            ctx.channel().close();
            return;
        }
        schedule(ctx, Math.min(next, tickNanos));
    }
}
