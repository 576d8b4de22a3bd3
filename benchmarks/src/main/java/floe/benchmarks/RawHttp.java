package floe.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * One keep-alive HTTP/1.1 connection sending whole requests made beforehand, so that a
 * benchmark over the wire measures the server, not a client library.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /**
     * A whole DynamoDB request ({@code target} such as {@code GetItem}), signed by the SDK's
     * signer now: good for the 15 minutes a signature lasts.
     */
    static byte[] signed(URI endpoint, String accessKey, String secret, String target, String body) {
        SdkHttpRequest r = sign(endpoint, accessKey, secret, target, body);
        StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\n");
        r.forEachHeader((name, values) ->
                values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n")));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        head.append("Content-Length: ").append(b.length).append("\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    /** A DynamoDB request's head as the SDK's signer signs it now, for a POST of {@code body}. */
    static SdkHttpRequest sign(URI endpoint, String accessKey, String secret, String target, String body) {
        return AwsV4HttpSigner.create()
                .sign(s -> s.identity(AwsCredentialsIdentity.create(accessKey, secret))
                        .request(SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(endpoint)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("X-Amz-Target", "DynamoDB_20120810." + target)
                                .build())
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.systemUTC()))
                .request();
    }

    /** Sends a request and reads its whole response; returns the status, failing on any but 200. */
    int exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        int n = 0;
        int headEnd = -1;
        while (headEnd < 0) {
            int r = in.read(buffer, n, buffer.length - n);
            if (r < 0) {
                throw new IOException("connection closed");
            }
            n += r;
            headEnd = indexOf(buffer, n);
        }
        String head = new String(buffer, 0, headEnd, StandardCharsets.US_ASCII);
        int at = head.toLowerCase(Locale.ROOT).indexOf("content-length:");
        int eol = head.indexOf('\r', at);
        int length = Integer.parseInt(head.substring(at + 15, eol).trim());
        int total = headEnd + 4 + length;
        while (n < total) {
            int r = in.read(buffer, n, buffer.length - n);
            if (r < 0) {
                throw new IOException("connection closed");
            }
            n += r;
        }
        int status = Integer.parseInt(head.substring(9, 12));
        if (status != 200) {
            throw new IllegalStateException(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return status;
    }

    private static int indexOf(byte[] b, int n) {
        for (int i = 0; i + 3 < n; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
