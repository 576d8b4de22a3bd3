package floe.tck.wire;

import floe.api.FloeAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link FloeAdmin} over the wire: FloeDB's own operations have no AWS SDK client, so
 * they are sent as the server expects them, shaped as DynamoDB requests (POST, JSON
 * 1.0, target {@code FloeAdmin_20261121.<Op>}, a SigV4-shaped Authorization header).
 */
final class WireAdmin implements FloeAdmin {
    private static final Pattern DELETED = Pattern.compile("\"DeletedItemCount\"\\s*:\\s*(\\d+)");
    private final URI endpoint;

    WireAdmin(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public long sweepExpiredItems() {
        String body = call("SweepExpiredItems");
        Matcher m = DELETED.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer to SweepExpiredItems: " + body);
        }
        return Long.parseLong(m.group(1));
    }

    @Override
    public java.util.Optional<floe.api.ImportProgress> importProgress(String importArn) {
        StringBuilder arn = new StringBuilder();
        for (char c : importArn.toCharArray()) {
            arn.append(c == '"' || c == '\\' ? "\\" + c : String.valueOf(c));
        }
        String body;
        try {
            body = call("DescribeImportProgress", "{\"ImportArn\":\"" + arn + "\"}");
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("ImportNotFoundException")) {
                throw new floe.api.error.ImportNotFoundException("Import not found: " + importArn);
            }
            throw e;
        }
        Matcher objects = number("SourceObjectCount").matcher(body);
        Matcher size = number("SourceSizeBytes").matcher(body);
        Matcher read = number("SourceBytesRead").matcher(body);
        if (!objects.find() || !size.find() || !read.find()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new floe.api.ImportProgress(
                Long.parseLong(objects.group(1)), Long.parseLong(size.group(1)), Long.parseLong(read.group(1))));
    }

    private static Pattern number(String field) {
        return Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)");
    }

    private String call(String operation) {
        return call(operation, "{}");
    }

    private String call(String operation, String json) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "FloeAdmin_20261121." + operation)
                .header("X-Amz-Date", "20260101T000000Z")
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, "
                                + "SignedHeaders=host;x-amz-date, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        operation + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(operation + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(operation + " interrupted", e);
        }
    }
}
