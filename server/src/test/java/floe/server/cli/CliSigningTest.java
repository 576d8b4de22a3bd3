package floe.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.error.InvalidSignatureException;
import floe.api.error.UnrecognizedClientException;
import floe.server.auth.Identities;
import floe.server.auth.Principal;
import floe.server.auth.SigV4Verifier;
import floe.server.auth.SignedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code floe} command's calls signed with the environment's credentials verify as the server verifies any request. */
class CliSigningTest {
    @TempDir
    Path dir;

    @Test
    void aCallSignedWithTheEnvironmentsKeyVerifiesAndAWrongSecretDoesNot() throws IOException {
        Path file = dir.resolve("identities.properties");
        Files.writeString(
                file,
                "user.ops.account=000000000000\nkey.AKIAOPS0000000000001.user=ops\n"
                        + "key.AKIAOPS0000000000001.secret=ops-secret\n");
        Identities identities = Identities.read(file);
        SigV4Verifier verifier = new SigV4Verifier(() -> identities, Clock.systemUTC());
        URI endpoint = URI.create("http://127.0.0.1:8123");
        String body = "{\"Region\":\"us-east-2\"}";

        Principal p = verifier.verify(received(
                AdminCalls.request(
                        endpoint,
                        "FloeReplication.Status",
                        body,
                        Duration.ofSeconds(5),
                        CliSigning.from(Map.of(
                                "AWS_ACCESS_KEY_ID", "AKIAOPS0000000000001", "AWS_SECRET_ACCESS_KEY", "ops-secret"))),
                "127.0.0.1:8123",
                body));
        assertEquals("AKIAOPS0000000000001", p.accessKeyId());

        HttpRequest wrong = AdminCalls.request(
                endpoint,
                "FloeReplication.Status",
                body,
                Duration.ofSeconds(5),
                CliSigning.from(
                        Map.of("AWS_ACCESS_KEY_ID", "AKIAOPS0000000000001", "AWS_SECRET_ACCESS_KEY", "not-it")));
        assertThrows(InvalidSignatureException.class, () -> verifier.verify(received(wrong, "127.0.0.1:8123", body)));
        // a tampered body does not verify either
        HttpRequest signed = AdminCalls.request(
                endpoint,
                "FloeReplication.Status",
                body,
                Duration.ofSeconds(5),
                CliSigning.from(
                        Map.of("AWS_ACCESS_KEY_ID", "AKIAOPS0000000000001", "AWS_SECRET_ACCESS_KEY", "ops-secret")));
        assertThrows(InvalidSignatureException.class, () -> verifier.verify(received(signed, "127.0.0.1:8123", "{}")));

        // without credentials in the environment: the unsigned scope, which --auth refuses as an unknown key
        assertNull(CliSigning.from(Map.of("AWS_ACCESS_KEY_ID", "AKIAOPS0000000000001")));
        HttpRequest unsigned =
                AdminCalls.request(endpoint, "FloeReplication.Status", body, Duration.ofSeconds(5), null);
        assertTrue(unsigned.headers().firstValue("Authorization").orElseThrow().contains("Signature=0"));
        assertThrows(
                UnrecognizedClientException.class, () -> verifier.verify(received(unsigned, "127.0.0.1:8123", body)));
        assertTrue(!CliSigning.from(
                        Map.of("AWS_ACCESS_KEY_ID", "AKIAOPS0000000000001", "AWS_SECRET_ACCESS_KEY", "ops-secret"))
                .toString()
                .contains("ops-secret"));
    }

    /** The request as the server receives it: its headers, and the Host header the JDK's client adds. */
    private static SignedRequest received(HttpRequest r, String host, String body) {
        return new SignedRequest(
                r.method(),
                "/",
                name -> name.equals("host") ? List.of(host) : r.headers().allValues(name),
                ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    }
}
