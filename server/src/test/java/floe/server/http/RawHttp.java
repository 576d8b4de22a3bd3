package floe.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A minimal HTTP/1.1 client over one socket, so that tests control every byte (pipelining, bad headers, huge bodies). */
final class RawHttp implements AutoCloseable {
    static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0123456789abcdef";

    /** A response: status, headers (lower-case names) and body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** The bytes of a signed DynamoDB request for an operation. */
    static byte[] request(String operation, byte[] body, String... extraHeaders) {
        StringBuilder h = new StringBuilder("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Content-Type: application/x-amz-json-1.0\r\n")
                .append("X-Amz-Target: DynamoDB_20120810.")
                .append(operation)
                .append("\r\n")
                .append("X-Amz-Date: 20261121T000000Z\r\n")
                .append("Authorization: ")
                .append(AUTH)
                .append("\r\n");
        return raw(h, body, extraHeaders);
    }

    /** The bytes of a request with exactly the given headers (besides Host and Content-Length). */
    static byte[] raw(String method, byte[] body, String... headers) {
        return raw(new StringBuilder(method).append(" / HTTP/1.1\r\nHost: 127.0.0.1\r\n"), body, headers);
    }

    private static byte[] raw(StringBuilder h, byte[] body, String... headers) {
        for (String extra : headers) {
            h.append(extra).append("\r\n");
        }
        h.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(body);
        return b.toByteArray();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Response exchange(byte[] bytes) throws IOException {
        send(bytes);
        return read();
    }

    Response read() throws IOException {
        String status = line();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.put(
                    l.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    l.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, body);
    }

    /** True if the server closed the connection (end of stream before any byte). */
    boolean closedByServer() throws IOException {
        return in.read() == -1;
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c == -1) {
                throw new IOException("connection closed mid-response");
            }
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
