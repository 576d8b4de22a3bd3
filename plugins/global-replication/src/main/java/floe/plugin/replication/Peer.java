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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    final String region;
    final URI endpoint;
    private final HttpClient http;
    private final String localRegion;
    /** The service of this server, for a Region it hosts itself; null for another server. */
    private final WireService here;

    Peer(String region, URI endpoint, String localRegion) {
        this.region = region;
        this.endpoint = endpoint;
        this.localRegion = localRegion;
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
        this.http = null;
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
        String now = DATE.format(Instant.now());
        HttpRequest r = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", TARGET + "." + operation)
                // a well-formed credential scope naming this Region (the signature is not checked without --auth)
                .header("X-Amz-Date", now)
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=replication/" + now.substring(0, 8) + "/" + localRegion
                                + "/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(sent), StandardCharsets.UTF_8))
                .build();
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
