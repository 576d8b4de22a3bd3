package floe.plugin.replication;

import floe.spi.extension.WireService;
import floe.spi.extension.WireServiceException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Another Region's FloeDB server, reached over HTTP on its normal port: requests go to the
 * replication service the plugin serves there ({@code X-Amz-Target: FloeReplication.<Op>}).
 * Or another Region of this same server ({@link #local}): the same service, called without
 * HTTP. Every request names the Region it is for ({@link HostedRegions#REGION}), since one
 * server may host several.
 */
final class Peer {
    /** The service's target prefix. */
    static final String TARGET = "FloeReplication";

    /** What the options say for a Region this server hosts itself, and the endpoint such a peer shows. */
    static final String LOCAL = "local";

    final String region;
    final URI endpoint;
    private final HttpClient http;
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
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    private Peer(String region, WireService here, String localRegion) {
        this.region = region;
        this.endpoint = URI.create(LOCAL);
        this.localRegion = localRegion;
        this.here = here;
        this.signer = PeerSigner.UNSIGNED;
        this.http = null;
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
        byte[] payload = Json.write(sent).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", PeerSigner.CONTENT_TYPE)
                .header("X-Amz-Target", TARGET + "." + operation)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        // signed with the peer's credentials for the Region the request is for (a peer with --auth verifies it)
        signer.sign(b, endpoint, region, TARGET + "." + operation, payload);
        HttpRequest r = b.build();
        HttpResponse<String> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PeerException(region + " unreachable at " + endpoint + ": " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException(region + ": interrupted", null, e);
        }
        Object body;
        try {
            body = Json.parse(response.body());
        } catch (RuntimeException e) {
            throw new PeerException(region + " answered " + response.statusCode() + " with no JSON", null, e);
        }
        Map<String, Object> answer = body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        if (response.statusCode() != 200) {
            String type = String.valueOf(answer.get("__type"));
            throw new PeerException(
                    region + " answered " + response.statusCode() + " " + type + ": " + answer.get("message"),
                    type.substring(type.indexOf('#') + 1),
                    null);
        }
        return answer;
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
