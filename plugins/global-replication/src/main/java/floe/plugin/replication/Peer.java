package floe.plugin.replication;

import floe.spi.extension.WireService;
import floe.spi.extension.WireServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Another Region's FloeDB server, reached over HTTP on its normal port: requests go to the
 * replication service the plugin serves there ({@code X-Amz-Target: FloeReplication.<Op>}).
 * Calls are synchronous, on the caller's thread, over a kept-alive connection
 * ({@link HttpURLConnection}): a feed sends one batch at a time and waits for its answer, and
 * an asynchronous client would only add thread hand-offs to every batch.
 * Or another Region of this same server ({@link #local}): the same service, called without
 * HTTP. Every request names the Region it is for ({@link HostedRegions#REGION}), since one
 * server may host several.
 */
final class Peer {
    /** The service's target prefix. */
    static final String TARGET = "FloeReplication";

    /** What the options say for a Region this server hosts itself, and the endpoint such a peer shows. */
    static final String LOCAL = "local";

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    final String region;
    final URI endpoint;
    /** The endpoint as a URL; null for a Region of this server. */
    private final URL url;

    private final String localRegion;
    /** The service of this server, for a Region it hosts itself; null for another server. */
    private final WireService here;

    /** Signs each request to another server (or gives it the unsigned credential scope). */
    private final PeerSigner signer;

    Peer(String region, URI endpoint, String localRegion) {
        this(region, endpoint, localRegion, PeerSigner.UNSIGNED);
    }

    /** Another Region's server, its requests signed by {@code signer}. */
    Peer(String region, URI endpoint, String localRegion, PeerSigner signer) {
        this.region = region;
        this.endpoint = endpoint;
        this.localRegion = localRegion;
        this.signer = signer;
        this.here = null;
        try {
            this.url = endpoint.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("peer " + region + ": not an HTTP endpoint: " + endpoint, e);
        }
    }

    private Peer(String region, WireService here, String localRegion) {
        this.region = region;
        this.endpoint = URI.create(LOCAL);
        this.localRegion = localRegion;
        this.here = here;
        this.signer = PeerSigner.UNSIGNED;
        this.url = null;
    }

    /** The access key id requests to this peer are signed with, or null when they are not signed. */
    String accessKeyId() {
        return signer.accessKeyId();
    }

    /** Another Region of this server, reached through {@code service} (the plugin's own replication service). */
    static Peer local(String region, WireService service, String localRegion) {
        return new Peer(region, service, localRegion);
    }

    /**
     * Calls {@code operation} with {@code request}.
     *
     * @throws PeerException if the peer cannot be reached or answers with an error
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> call(String operation, Map<String, Object> request) {
        Map<String, Object> sent = new LinkedHashMap<>(request);
        sent.put(HostedRegions.REGION, region);
        if (here != null) {
            return callHere(operation, sent);
        }
        byte[] json = Json.write(sent).getBytes(StandardCharsets.UTF_8);
        Answer response;
        try {
            try {
                response = exchange(operation, json);
            } catch (ConnectException | SocketTimeoutException e) {
                throw e; // the peer is away, or did not answer in time: the caller tries again later
            } catch (IOException e) {
                // a kept-alive connection the peer had just closed: once more, on a new one (every call is
                // idempotent: a batch applied twice changes nothing the second time)
                response = exchange(operation, json);
            }
        } catch (IOException e) {
            throw new PeerException(region + " unreachable at " + endpoint + ": " + e, null, e);
        }
        int status = response.status();
        Object body;
        try {
            body = Json.parse(response.text());
        } catch (RuntimeException e) {
            throw new PeerException(region + " answered " + status + " with no JSON", null, e);
        }
        Map<String, Object> answer = body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        if (status != 200) {
            String type = String.valueOf(answer.get("__type"));
            throw new PeerException(
                    region + " answered " + status + " " + type + ": " + answer.get("message"),
                    type.substring(type.indexOf('#') + 1),
                    null);
        }
        return answer;
    }

    /** What a peer answered over HTTP. */
    private record Answer(int status, String text) {}

    /** One HTTP request to the peer and its whole answer; the connection goes back to the pool. */
    private Answer exchange(String operation, byte[] json) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
        c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        c.setReadTimeout(READ_TIMEOUT_MILLIS);
        c.setUseCaches(false);
        c.setDoOutput(true);
        c.setRequestMethod("POST");
        c.setRequestProperty("Content-Type", PeerSigner.CONTENT_TYPE);
        String target = TARGET + "." + operation;
        c.setRequestProperty("X-Amz-Target", target);
        // signed with the peer's credentials for the Region the request is for (a peer with --auth verifies it)
        signer.sign(c::setRequestProperty, endpoint, region, target, json);
        // the body's length is known: sent as it is, not chunked
        c.setFixedLengthStreamingMode(json.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(json);
        }
        int status = c.getResponseCode();
        InputStream answer = status >= 400 ? c.getErrorStream() : c.getInputStream();
        // read to its end and closed, which keeps the connection for the next call
        try (InputStream in = answer == null ? InputStream.nullInputStream() : answer) {
            return new Answer(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * A call to a Region of this server: through JSON and back, so that it sees exactly what a
     * request over HTTP would (numbers as decimals, fresh maps), and fails as one would.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> callHere(String operation, Map<String, Object> body) {
        try {
            Map<String, Object> answer = here.call(operation, (Map<String, Object>) Json.parse(Json.write(body)));
            return (Map<String, Object>) Json.parse(Json.write(answer));
        } catch (WireServiceException e) {
            String type = e.type();
            throw new PeerException(
                    region + " answered " + e.status() + " " + type + ": " + e.getMessage(),
                    type.substring(type.indexOf('#') + 1),
                    null);
        }
    }

    /** A call to a peer that failed. */
    static final class PeerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The error type the peer answered (without its prefix), or null if it did not answer. */
        final String type;

        PeerException(String message, String type, Throwable cause) {
            super(message, cause);
            this.type = type;
        }
    }
}
