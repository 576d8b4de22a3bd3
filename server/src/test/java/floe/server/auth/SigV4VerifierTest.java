package floe.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.error.ExpiredTokenException;
import floe.api.error.FloeException;
import floe.api.error.IncompleteSignatureException;
import floe.api.error.InvalidSignatureException;
import floe.api.error.MissingAuthenticationTokenException;
import floe.api.error.UnrecognizedClientException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signatures made by the AWS SDK's own SigV4 signer, verified; and each way of getting one
 * wrong, with DynamoDB's error type and message.
 */
class SigV4VerifierTest {
    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final String BODY = "{\"TableName\":\"books\"}";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    static final Identities IDENTITIES = identities("""
            user.alice.account=111122223333
            user.bob.account=444455556666
            key.AKIAALICE.user=alice
            key.AKIAALICE.secret=%s
            key.AKIAALICE2.user=alice
            key.AKIAALICE2.secret=second/secret+key
            key.AKIAOLD.user=alice
            key.AKIAOLD.secret=%s
            key.AKIAOLD.status=inactive
            key.ASIABOB.user=bob
            key.ASIABOB.secret=%s
            key.ASIABOB.token=session-token-of-bob
            key.ASIABOB.expires=2026-11-21T11:00:00Z
            """.formatted(SECRET, SECRET, SECRET));

    private final SigV4Verifier verifier = new SigV4Verifier(() -> IDENTITIES, Clock.fixed(NOW, ZoneOffset.UTC));

    static Identities identities(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Identities.parse(p);
    }

    /** A DynamoDB request as the SDK builds one, before signing. */
    static SdkHttpRequest.Builder request(String uri) {
        return SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(uri))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810.DescribeTable");
    }

    /** Signs with the SDK's signer, as a client at {@code at} would. */
    static SdkHttpRequest sign(
            SdkHttpRequest.Builder request,
            AwsCredentialsIdentity credentials,
            Instant at,
            String region,
            String body,
            boolean query) {
        return AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials)
                        .request(request.build())
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))
                        .putProperty(
                                AwsV4HttpSigner.AUTH_LOCATION,
                                query
                                        ? AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING
                                        : AwsV4FamilyHttpSigner.AuthLocation.HEADER))
                .request();
    }

    static SdkHttpRequest sign(AwsCredentialsIdentity credentials, Instant at, String body) {
        return sign(request("http://127.0.0.1:8000/"), credentials, at, "us-east-1", body, false);
    }

    /** The request as the server receives it: the URI sent, the headers by lower-case name, the body. */
    static SignedRequest received(SdkHttpRequest signed, String body, UnaryOperator<Map<String, List<String>>> edit) {
        Map<String, List<String>> headers = new TreeMap<>();
        signed.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
        URI uri = signed.getUri();
        headers.putIfAbsent("host", List.of(uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())));
        Map<String, List<String>> sent = edit.apply(headers);
        return new SignedRequest(
                signed.method().name(),
                uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                name -> sent.getOrDefault(name, List.of()),
                ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    }

    static SignedRequest received(SdkHttpRequest signed, String body) {
        return received(signed, body, h -> h);
    }

    private static AwsCredentialsIdentity alice() {
        return AwsCredentialsIdentity.create("AKIAALICE", SECRET);
    }

    private <T extends FloeException> void refused(Class<T> type, String message, SignedRequest request) {
        T e = assertThrows(type, () -> verifier.verify(request));
        assertEquals(message, e.getMessage());
        assertEquals(400, e.httpStatus());
        assertTrue(e.errorType().startsWith("com.amazon.coral.service#"), e.errorType());
    }

    @Test
    void signedHeaderValuesAreTrimmedAndTheirSpacesCollapsed() {
        SdkHttpRequest signed = sign(
                request("http://127.0.0.1:8000/").putHeader("X-Amz-Meta-Note", "  a   b \t c  "),
                alice(),
                NOW,
                "us-east-1",
                BODY,
                false);
        assertEquals("alice", verifier.verify(received(signed, BODY)).user());
        // the same value with its spaces changed inside a word is another value
        assertThrows(
                InvalidSignatureException.class,
                () -> verifier.verify(received(signed, BODY, h -> {
                    h.put("x-amz-meta-note", List.of("a b cc"));
                    return h;
                })));
    }

    @Test
    void signedHeaderValuesBeyondAsciiVerify() {
        // two-, three- and four-byte UTF-8 forms, signed as the SDK encodes them
        SdkHttpRequest signed = sign(
                request("http://127.0.0.1:8000/").putHeader("X-Amz-Meta-Note", "café  ☃ 😀"),
                alice(),
                NOW,
                "us-east-1",
                BODY,
                false);
        assertEquals("alice", verifier.verify(received(signed, BODY)).user());
        assertThrows(
                InvalidSignatureException.class,
                () -> verifier.verify(received(signed, BODY, h -> {
                    h.put("x-amz-meta-note", List.of("cafe ☃ 😀"));
                    return h;
                })));
    }

    @Test
    void theSdksHeaderSignatureVerifies() {
        Principal p = verifier.verify(received(sign(alice(), NOW, BODY), BODY));
        assertEquals("111122223333", p.account());
        assertEquals("alice", p.identity().username());
        assertEquals("AKIAALICE", p.accessKeyId());
        assertEquals("us-east-1", p.region());
        assertEquals("arn:aws:iam::111122223333:user/alice", p.arn());
    }

    @Test
    void anyOfAUsersKeysAndAnyRegionVerify() {
        SdkHttpRequest signed = sign(
                request("http://localhost:8000/"),
                AwsCredentialsIdentity.create("AKIAALICE2", "second/secret+key"),
                NOW,
                "eu-west-3",
                BODY,
                false);
        assertEquals("eu-west-3", verifier.verify(received(signed, BODY)).region());
    }

    @Test
    void theSdksQueryStringSignatureVerifies() {
        SdkHttpRequest signed = sign(request("http://127.0.0.1:8000/"), alice(), NOW, "us-east-1", BODY, true);
        assertTrue(
                signed.getUri().getRawQuery().contains("X-Amz-Signature="),
                signed.getUri().toString());
        assertEquals("alice", verifier.verify(received(signed, BODY)).user());
        // Other parameters are signed too: a path and query with characters to encode.
        SdkHttpRequest odd = sign(
                request("http://127.0.0.1:8000/a%20b/c").appendRawQueryParameter("x y", "1+2=3/ü"),
                alice(),
                NOW,
                "us-east-1",
                BODY,
                true);
        assertEquals("alice", verifier.verify(received(odd, BODY)).user());
    }

    @Test
    void aSignedContentHashVerifiesAndATamperedBodyDoesNot() {
        SdkHttpRequest signed = sign(
                request("http://127.0.0.1:8000/")
                        .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD".toLowerCase(Locale.ROOT)),
                alice(),
                NOW,
                "us-east-1",
                BODY,
                false);
        // The SDK puts the body's real hash in the canonical request whatever the header says; so does the server.
        assertEquals("alice", verifier.verify(received(signed, BODY)).user());
        refused(InvalidSignatureException.class, MISMATCH, received(signed, BODY.replace("books", "bookz")));
        refused(
                InvalidSignatureException.class,
                MISMATCH,
                received(sign(alice(), NOW, BODY), "{\"TableName\":\"other\"}"));
    }

    @Test
    void aTamperedSignedHeaderOrMethodDoesNotVerify() {
        SdkHttpRequest signed = sign(alice(), NOW, BODY);
        refused(InvalidSignatureException.class, MISMATCH, received(signed, BODY, h -> {
            h.put("x-amz-target", List.of("DynamoDB_20120810.DeleteTable"));
            return h;
        }));
        refused(InvalidSignatureException.class, MISMATCH, received(signed, BODY, h -> {
            h.put("host", List.of("127.0.0.1:9000"));
            return h;
        }));
        // An unsigned header may change: it is not part of the signature.
        assertEquals(
                "alice",
                verifier.verify(received(signed, BODY, h -> {
                            h.put("user-agent", List.of("another"));
                            return h;
                        }))
                        .user());
    }

    @Test
    void aWrongSecretIsASignatureMismatch() {
        refused(
                InvalidSignatureException.class,
                MISMATCH,
                received(sign(AwsCredentialsIdentity.create("AKIAALICE", "not-the-secret"), NOW, BODY), BODY));
    }

    @Test
    void anUnknownOrInactiveKeyIsAnUnrecognizedClient() {
        String invalid = "The security token included in the request is invalid.";
        refused(
                UnrecognizedClientException.class,
                invalid,
                received(sign(AwsCredentialsIdentity.create("AKIANOBODY", SECRET), NOW, BODY), BODY));
        refused(
                UnrecognizedClientException.class,
                invalid,
                received(sign(AwsCredentialsIdentity.create("AKIAOLD", SECRET), NOW, BODY), BODY));
        // An unknown key with a wrong date is told about the date first, as DynamoDB checks in that order.
        assertThrows(
                InvalidSignatureException.class,
                () -> verifier.verify(received(
                        sign(AwsCredentialsIdentity.create("AKIANOBODY", SECRET), NOW.minusSeconds(3600), BODY),
                        BODY)));
    }

    @Test
    void fifteenMinutesOfSkewEitherWayIsAccepted() {
        Duration limit = Duration.ofMinutes(15);
        assertEquals(
                "alice",
                verifier.verify(received(sign(alice(), NOW.minus(limit), BODY), BODY))
                        .user());
        assertEquals(
                "alice",
                verifier.verify(received(sign(alice(), NOW.plus(limit), BODY), BODY))
                        .user());
    }

    @Test
    void anOldSignatureHasExpiredAndAFutureOneIsNotYetCurrent() {
        refused(
                InvalidSignatureException.class,
                "Signature expired: 20261121T094459Z is now earlier than 20261121T094500Z (20261121T100000Z - 15 min.)",
                received(sign(alice(), Instant.parse("2026-11-21T09:44:59Z"), BODY), BODY));
        refused(
                InvalidSignatureException.class,
                "Signature not yet current: 20261121T101501Z is still later than 20261121T101500Z "
                        + "(20261121T100000Z + 15 min.)",
                received(sign(alice(), Instant.parse("2026-11-21T10:15:01Z"), BODY), BODY));
        // The query-string form is held to the same clock.
        refused(
                InvalidSignatureException.class,
                "Signature expired: 20261121T080000Z is now earlier than 20261121T094500Z (20261121T100000Z - 15 min.)",
                received(
                        sign(
                                request("http://127.0.0.1:8000/"),
                                alice(),
                                Instant.parse("2026-11-21T08:00:00Z"),
                                "us-east-1",
                                BODY,
                                true),
                        BODY));
    }

    @Test
    void sessionCredentialsNeedTheirTokenAndExpire() {
        AwsSessionCredentialsIdentity bob =
                AwsSessionCredentialsIdentity.create("ASIABOB", SECRET, "session-token-of-bob");
        assertEquals(
                "bob", verifier.verify(received(sign(bob, NOW, BODY), BODY)).user());
        assertEquals(
                "bob",
                verifier.verify(received(
                                sign(request("http://127.0.0.1:8000/"), bob, NOW, "us-east-1", BODY, true), BODY))
                        .user());
        String invalid = "The security token included in the request is invalid";
        refused(
                UnrecognizedClientException.class,
                invalid,
                received(sign(AwsSessionCredentialsIdentity.create("ASIABOB", SECRET, "forged"), NOW, BODY), BODY));
        refused(
                UnrecognizedClientException.class,
                invalid,
                received(sign(AwsCredentialsIdentity.create("ASIABOB", SECRET), NOW, BODY), BODY));
        // A long-term key with a token is no session either.
        refused(
                UnrecognizedClientException.class,
                invalid,
                received(sign(AwsSessionCredentialsIdentity.create("AKIAALICE", SECRET, "x"), NOW, BODY), BODY));
        SigV4Verifier later = new SigV4Verifier(() -> IDENTITIES, Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
        FloeException e = assertThrows(
                ExpiredTokenException.class,
                () -> later.verify(received(sign(bob, NOW.plusSeconds(3600), BODY), BODY)));
        assertEquals("com.amazon.coral.service#ExpiredTokenException", e.errorType());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void bothFormsAtOnceOrNeitherAreRefused() {
        SdkHttpRequest header = sign(alice(), NOW, BODY);
        SdkHttpRequest query = sign(request("http://127.0.0.1:8000/"), alice(), NOW, "us-east-1", BODY, true);
        SignedRequest both = received(query, BODY, h -> {
            h.put(
                    "authorization",
                    List.of(header.firstMatchingHeader("Authorization").orElseThrow()));
            return h;
        });
        refused(
                InvalidSignatureException.class,
                "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
                both);
        refused(
                MissingAuthenticationTokenException.class,
                "Request is missing Authentication Token",
                received(header, BODY, h -> {
                    h.remove("authorization");
                    return h;
                }));
    }

    @Test
    void anIncompleteQueryStringNamesWhatIsMissing() {
        SignedRequest r = new SignedRequest(
                "POST",
                "/?X-Amz-Credential=AKIAALICE%2F20261121%2Fus-east-1%2Fdynamodb%2Faws4_request&X-Amz-Signature=ab",
                name -> name.equals("host") ? List.of("127.0.0.1:8000") : List.of(),
                ByteBuffer.wrap(BODY.getBytes(StandardCharsets.UTF_8)));
        refused(
                IncompleteSignatureException.class,
                "AWS query-string parameters must include 'X-Amz-Algorithm'. AWS query-string parameters must "
                        + "include 'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'. "
                        + "Re-examine the query-string parameters.",
                r);
    }

    @Test
    void theHeaderChecksComeFirstAsWithoutAuthentication() {
        SdkHttpRequest signed = sign(alice(), NOW, BODY);
        String auth = signed.firstMatchingHeader("Authorization").orElseThrow();
        refused(
                InvalidSignatureException.class,
                "'Host' must be a 'SignedHeader' in the AWS Authorization.",
                received(signed, BODY, h -> {
                    h.put("authorization", List.of(auth.replace("host;", "")));
                    return h;
                }));
        refused(
                InvalidSignatureException.class,
                "Credential should be scoped to correct service: 'dynamodb'.",
                received(sign(request("http://127.0.0.1:8000/"), alice(), NOW, "us-east-1", BODY, false), BODY, h -> {
                    h.put("authorization", List.of(auth.replace("/dynamodb/", "/kinesis/")));
                    return h;
                }));
    }

    @Test
    void theIdentitiesFileRefusesWhatItDoesNotKnowAndHidesSecrets() {
        assertEquals(
                "unknown key 'key.AKIA.secrt' (known: user.<name>.account|id|groups|policies|created, "
                        + "group.<name>.policies, role.<name>.account|id|policies|trust|maxSession|created, "
                        + "policy.<name>, "
                        + "policy.<name>.file, key.<id>.user|role|session|secret|status|token|expires|created)",
                assertThrows(IllegalArgumentException.class, () -> identities("key.AKIA.secrt=x"))
                        .getMessage());
        assertEquals(
                "access key AKIA belongs to user 'carol', who has no user.carol.account",
                assertThrows(IllegalArgumentException.class, () -> identities("key.AKIA.user=carol\nkey.AKIA.secret=s"))
                        .getMessage());
        assertEquals(
                "the account of user 'carol' must be a 12-digit id, not '12'",
                assertThrows(IllegalArgumentException.class, () -> identities("user.carol.account=12"))
                        .getMessage());
        // A user name may hold dots; a key's secret appears nowhere in what is printed.
        Identities ids = identities(
                "user.carol.smith.account=111122223333\nkey.AKIAC.user=carol.smith\n" + "key.AKIAC.secret=TOPSECRET");
        assertEquals("carol.smith", ids.key("AKIAC").user());
        assertTrue(
                !ids.key("AKIAC").toString().contains("TOPSECRET"),
                ids.key("AKIAC").toString());
    }
}
