package floe.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency at a fixed request rate (open loop), free of coordinated omission.
 *
 * <p>Request {@code i} is due at {@code start + i / rate}, whether or not earlier ones
 * have been answered. A due request goes out on an idle connection (one request in
 * flight per connection, no pipelining); when every connection is busy it waits in a
 * queue. Its latency runs from when it was <em>due</em> to when its response has been
 * read whole, so a stalled server is charged for every request it held up, not just
 * the one it stalled on (what a closed-loop tool such as wrk cannot do).
 *
 * <p>One thread, NIO, requests built in advance ({@link Shape.Op#httpRequest}, the same
 * bytes the wrk scripts send) with random keys. Between due times the thread parks
 * for at most 50 microseconds, so readings carry up to about that much of the
 * client's own delay; running it against the ceiling server at the same rate shows
 * the floor.
 *
 * <p>Prints one line: {@code FLOE_RESULT rate=... sent=... completed=... errors=...
 * p50_us=... p90_us=... p99_us=... p999_us=... max_us=...}, over the requests due in
 * the measured window (after the warm-up).
 *
 * <pre>java -cp benchmarks.jar floe.benchmarks.load.FixedRateClient --port 8000 --op get --rate 5000
 *     [--host 127.0.0.1] [--seconds 10] [--warmup 3] [--connections 64] [--items 100000]</pre>
 */
public final class FixedRateClient {
    private static final int VARIANTS = 1 << 13;

    private FixedRateClient() {}

    /**
     * @param args see the class comment
     * @throws IOException if a connection fails
     */
    public static void main(String[] args) throws IOException {
        Shape.Args a = new Shape.Args(
                args,
                "FixedRateClient --port N --op get|put|query|batch --rate R [--host 127.0.0.1] "
                        + "[--seconds 10] [--warmup 3] [--connections 64] [--items 100000]");
        String host = a.get("host", "127.0.0.1");
        int port = a.getInt("port", 8000);
        Shape.Op op = Shape.Op.of(a.get("op", "get"));
        double rate = a.getDouble("rate", 1000);
        double seconds = a.getDouble("seconds", 10);
        double warmup = a.getDouble("warmup", 3);
        int connections = a.getInt("connections", 64);
        int keys = op.keys(a.getInt("items", 100_000));

        Random random = new Random(42);
        byte[][] requests = new byte[VARIANTS][];
        for (int i = 0; i < VARIANTS; i++) {
            requests[i] = op.httpRequest(host + ":" + port, random.nextInt(keys));
        }

        Selector selector = Selector.open();
        ArrayDeque<Conn> idle = new ArrayDeque<>();
        for (int i = 0; i < connections; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            Conn c = new Conn(ch);
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            idle.add(c);
        }

        double interval = 1e9 / rate;
        long start = System.nanoTime() + 50_000_000L;
        long measureFrom = start + (long) (warmup * 1e9);
        long sendEnd = measureFrom + (long) (seconds * 1e9);
        long giveUp = sendEnd + 10_000_000_000L;
        long[] latencies = new long[(int) Math.min(Integer.MAX_VALUE - 8, rate * seconds * 1.1 + 1024)];
        int measured = 0;
        long sent = 0;
        long errors = 0;
        long due = 0;
        int inFlight = 0;
        LongQueue waiting = new LongQueue();

        while (true) {
            long now = System.nanoTime();
            long nextDue;
            while ((nextDue = start + (long) (due * interval)) <= now && nextDue < sendEnd) {
                waiting.add(nextDue);
                due++;
            }
            while (!waiting.isEmpty() && !idle.isEmpty()) {
                send(idle.poll(), waiting.poll(), requests[(int) (sent++ & (VARIANTS - 1))]);
                inFlight++;
            }
            boolean sending = nextDue < sendEnd;
            if (!sending && inFlight == 0 && waiting.isEmpty() || now > giveUp) {
                break;
            }
            if (selector.selectNow() == 0) {
                long wait = sending ? nextDue - now : 1_000_000L;
                if (wait >= 2_000_000L) {
                    selector.select(wait / 1_000_000L - 1);
                } else if (wait > 0) {
                    LockSupport.parkNanos(Math.min(wait, 50_000L));
                }
                selector.selectNow();
            }
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey k = it.next();
                it.remove();
                Conn c = (Conn) k.attachment();
                if (k.isValid() && k.isWritable()) {
                    c.flush();
                }
                if (k.isValid() && k.isReadable()) {
                    int status = c.read();
                    if (status != 0) {
                        long done = System.nanoTime();
                        inFlight--;
                        if (c.due >= measureFrom && c.due < sendEnd) {
                            if (measured == latencies.length) {
                                latencies = Arrays.copyOf(latencies, measured * 2);
                            }
                            latencies[measured++] = done - c.due;
                            if (status != 200) {
                                errors++;
                            }
                        }
                        if (!waiting.isEmpty()) {
                            send(c, waiting.poll(), requests[(int) (sent++ & (VARIANTS - 1))]);
                            inFlight++;
                        } else {
                            idle.add(c);
                        }
                    }
                }
            }
        }
        long unanswered = inFlight + waiting.size();
        long[] sorted = Arrays.copyOf(latencies, measured);
        Arrays.sort(sorted);
        System.out.printf(
                "FLOE_RESULT rate=%.0f sent=%d completed=%d errors=%d unanswered=%d p50_us=%d p90_us=%d "
                        + "p99_us=%d p999_us=%d max_us=%d%n",
                rate,
                sent,
                measured,
                errors,
                unanswered,
                us(sorted, 50),
                us(sorted, 90),
                us(sorted, 99),
                us(sorted, 99.9),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000);
        selector.close();
        System.exit(0);
    }

    private static long us(long[] sorted, double p) {
        return SdkLoadClient.percentile(sorted, p) / 1000;
    }

    private static void send(Conn c, long due, byte[] request) throws IOException {
        c.due = due;
        c.out = ByteBuffer.wrap(request);
        c.flush();
    }

    /** One connection: the request going out, the response coming in. */
    private static final class Conn {
        final SocketChannel ch;
        SelectionKey key;
        ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        long due;
        int headerEnd = -1;
        int total;
        int status;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }

        void flush() throws IOException {
            ch.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** Reads what there is; returns the status code once the response is complete, else 0. */
        int read() throws IOException {
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            if (ch.read(in) < 0) {
                throw new IOException("the server closed a connection");
            }
            byte[] b = in.array();
            int n = in.position();
            if (headerEnd < 0) {
                for (int i = 3; i < n; i++) {
                    if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                        headerEnd = i + 1;
                        break;
                    }
                }
                if (headerEnd < 0) {
                    return 0;
                }
                status = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
                total = headerEnd + contentLength(b, headerEnd);
            }
            if (n < total) {
                if (total > in.capacity()) {
                    in = ByteBuffer.allocate(total).put(in.flip());
                }
                return 0;
            }
            // No pipelining, so nothing should follow; keep it anyway.
            in.flip().position(total);
            in.compact();
            headerEnd = -1;
            return status;
        }

        private static int contentLength(byte[] b, int end) throws IOException {
            byte[] name = "content-length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int i = 0; i < end - name.length; i++) {
                if (b[i] == '\n' && matches(b, i + 1, name)) {
                    int j = i + 1 + name.length;
                    while (b[j] == ' ') {
                        j++;
                    }
                    int v = 0;
                    while (b[j] >= '0' && b[j] <= '9') {
                        v = v * 10 + (b[j++] - '0');
                    }
                    return v;
                }
            }
            throw new IOException("a response without Content-Length");
        }

        private static boolean matches(byte[] b, int at, byte[] lowerName) {
            for (int k = 0; k < lowerName.length; k++) {
                if (Character.toLowerCase(b[at + k]) != lowerName[k]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A growable FIFO of longs: the due times of requests waiting for a connection. */
    private static final class LongQueue {
        private long[] items = new long[1024];
        private int head;
        private int size;

        void add(long v) {
            if (size == items.length) {
                long[] bigger = new long[items.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = items[(head + i) % items.length];
                }
                items = bigger;
                head = 0;
            }
            items[(head + size++) % items.length] = v;
        }

        long poll() {
            long v = items[head];
            head = (head + 1) % items.length;
            size--;
            return v;
        }

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }
    }
}
