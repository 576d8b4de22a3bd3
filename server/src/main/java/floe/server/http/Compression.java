package floe.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.AsciiString;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Response compression, as DynamoDB does it for a client that sends
 * {@code Accept-Encoding: gzip} (or deflate): the body is compressed, and the
 * {@code x-amz-crc32} header is then computed over the compressed bytes, which is
 * what the AWS SDKs check (the SDK for Java v2 validates the CRC32 of the bytes it
 * received before it inflates them, DynamoDB's clients being configured so).
 */
final class Compression {
    static final AsciiString GZIP = AsciiString.cached("gzip");
    static final AsciiString DEFLATE = AsciiString.cached("deflate");
    /** Fast rather than small: a GetItem's response is compressed on an I/O thread. */
    private static final int LEVEL = 4;

    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private Compression() {}

    /**
     * The encoding to answer with for an {@code Accept-Encoding} header: gzip if it is
     * acceptable, else deflate, else null (identity).
     */
    static AsciiString choose(String acceptEncoding) {
        boolean gzip = false;
        boolean deflate = false;
        boolean any = false;
        int len = acceptEncoding.length();
        for (int i = 0; i < len; ) {
            int comma = acceptEncoding.indexOf(',', i);
            int end = comma < 0 ? len : comma;
            int semi = acceptEncoding.indexOf(';', i);
            int nameEnd = semi < 0 || semi > end ? end : semi;
            int a = i;
            while (a < nameEnd && acceptEncoding.charAt(a) <= ' ') {
                a++;
            }
            int b = nameEnd;
            while (b > a && acceptEncoding.charAt(b - 1) <= ' ') {
                b--;
            }
            boolean accepted = nameEnd == end || !zeroQuality(acceptEncoding, nameEnd + 1, end);
            if (accepted) {
                if (b - a == 4 && acceptEncoding.regionMatches(true, a, "gzip", 0, 4)) {
                    gzip = true;
                } else if (b - a == 7 && acceptEncoding.regionMatches(true, a, "deflate", 0, 7)) {
                    deflate = true;
                } else if (b - a == 1 && acceptEncoding.charAt(a) == '*') {
                    any = true;
                }
            }
            i = end + 1;
        }
        return gzip || any ? GZIP : deflate ? DEFLATE : null;
    }

    /** Whether the parameters {@code s[from, to)} say {@code q=0}. */
    private static boolean zeroQuality(String s, int from, int to) {
        String params = s.substring(from, to).replace(" ", "");
        int q = params.indexOf("q=");
        if (q < 0) {
            return false;
        }
        try {
            int end = params.indexOf(';', q);
            return Double.parseDouble(params.substring(q + 2, end < 0 ? params.length() : end)) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The body compressed in the chosen encoding, in a new buffer; the body is not released. */
    static ByteBuf compress(ByteBufAllocator allocator, ByteBuf body, AsciiString encoding) {
        boolean gzip = encoding == GZIP;
        Deflater deflater = new Deflater(LEVEL, gzip);
        ByteBuf out = allocator.heapBuffer(body.readableBytes() / 4 + 64);
        try {
            CRC32 crc = gzip ? new CRC32() : null;
            if (gzip) {
                out.writeBytes(GZIP_HEADER);
            }
            for (ByteBuffer in : body.nioBuffers()) {
                if (crc != null) {
                    crc.update(in.duplicate());
                }
                deflater.setInput(in);
                while (!deflater.needsInput()) {
                    drain(deflater, out, Deflater.NO_FLUSH);
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                drain(deflater, out, Deflater.NO_FLUSH);
            }
            if (gzip) {
                out.writeIntLE((int) crc.getValue());
                out.writeIntLE(body.readableBytes());
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        } finally {
            deflater.end();
        }
    }

    private static void drain(Deflater deflater, ByteBuf out, int flush) {
        out.ensureWritable(4096);
        ByteBuffer target = out.nioBuffer(out.writerIndex(), out.writableBytes());
        int n = deflater.deflate(target, flush);
        out.writerIndex(out.writerIndex() + n);
    }
}
