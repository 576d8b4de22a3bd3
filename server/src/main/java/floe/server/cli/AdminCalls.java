package floe.server.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import floe.server.PluginRow;
import floe.server.json.WireOperations;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The floe command's calls to a running server: {@code sweep-expired}, {@code plugins --endpoint-url}, {@code backup}. */
final class AdminCalls {
    private AdminCalls() {}

    /** An admin request to {@code endpoint} for {@code operation}, shaped as DynamoDB's. */
    static HttpRequest request(URI endpoint, String operation, Duration timeout) {
        return request(endpoint, WireOperations.ADMIN_PREFIX + "." + operation, "{}", timeout);
    }

    /**
     * A request to {@code endpoint} for the operation {@code target} names, with a JSON body, shaped as DynamoDB's:
     * signed with the environment's credentials when it names some ({@link CliSigning}).
     */
    static HttpRequest request(URI endpoint, String target, String body, Duration timeout) {
        return request(endpoint, target, body, timeout, CliSigning.fromEnvironment());
    }

    /** As {@link #request(URI, String, String, Duration)}, signed with {@code signing} (null: unsigned). */
    static HttpRequest request(URI endpoint, String target, String body, Duration timeout, CliSigning signing) {
        String now = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", CONTENT_TYPE)
                .header("X-Amz-Target", target)
                .header("X-Amz-Date", now)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        CliSigning.sign(signing, b, endpoint, CONTENT_TYPE, target, now, bytes);
        return b.build();
    }

    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    /** The plugins of the server at {@code endpoint}. */
    static List<PluginRow> ask(URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient()
                    .send(
                            request(endpoint, "ListPlugins", Duration.ofSeconds(30)),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot reach " + endpoint + ": " + e, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(endpoint + " answered " + response.statusCode() + ": " + response.body());
        }
        List<PluginRow> rows = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(response.body())) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "Plugins".equals(p.currentName())) {
                    p.nextToken(); // [
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        Map<String, String> fields = new HashMap<>();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            p.nextToken();
                            fields.put(name, p.getValueAsString());
                        }
                        rows.add(new PluginRow(
                                fields.get("Name"),
                                fields.get("Kind"),
                                fields.get("Version"),
                                fields.get("SpiVersion"),
                                fields.get("State")));
                    }
                }
            }
        }
        return rows;
    }

    /** The rows as a table with a header line. */
    static String table(List<PluginRow> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"NAME", "KIND", "VERSION", "SPI", "STATE"});
        for (PluginRow r : rows) {
            lines.add(new String[] {r.name(), r.kind(), r.version(), r.spiVersion(), r.state()});
        }
        int[] widths = new int[4];
        for (String[] line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            for (int i = 0; i < widths.length; i++) {
                out.append(line[i]).append(" ".repeat(widths[i] - line[i].length() + 2));
            }
            out.append(line[4]).append('\n');
        }
        return out.toString();
    }
}
