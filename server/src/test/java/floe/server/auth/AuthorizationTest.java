package floe.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.api.error.FloeException;
import floe.api.error.IncompleteSignatureException;
import floe.api.error.InvalidSignatureException;
import floe.api.error.MissingAuthenticationTokenException;
import org.junit.jupiter.api.Test;

/** DynamoDB's checks of the SigV4 Authorization header, in its order and with its messages. */
class AuthorizationTest {
    private static final String DATE = "20261121T000000Z";
    private static final String GOOD = "AWS4-HMAC-SHA256 Credential=AKID/20261121/eu-west-1/dynamodb/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date, Signature=abc123";

    private static <T extends FloeException> void fails(Class<T> type, String message, String header, String date) {
        assertEquals(
                message,
                assertThrows(type, () -> Authorization.check(header, date)).getMessage());
    }

    @Test
    void aWellFormedHeaderNamesTheKeyAndRegion() {
        assertEquals(new Authorization("AKID", "eu-west-1"), Authorization.check(GOOD, DATE));
        assertEquals(
                new Authorization("AKID", "local"),
                Authorization.check(
                        "  AWS4-HMAC-SHA256   Credential = AKID/20261121/local/dynamodb/aws4_request/ ,SignedHeaders=HOST,Signature=x ",
                        DATE));
    }

    @Test
    void aMissingOrForeignHeaderIsAMissingToken() {
        fails(MissingAuthenticationTokenException.class, "Request is missing Authentication Token", null, DATE);
        fails(
                MissingAuthenticationTokenException.class,
                "Request is missing Authentication Token",
                "Basic dXNlcg==",
                DATE);
    }

    @Test
    void missingPartsAreListedTogether() {
        fails(
                IncompleteSignatureException.class,
                "Authorization header requires 'Signature' parameter. "
                        + "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                        + "Authorization=" + GOOD.replace(", Signature=abc123", ""),
                GOOD.replace(", Signature=abc123", ""),
                null);
    }

    @Test
    void theAlgorithmAndTheScopeAreChecked() {
        fails(
                IncompleteSignatureException.class,
                "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1' (only AWS4-HMAC-SHA256 for now). ",
                GOOD.replace("SHA256", "SHA1"),
                DATE);
        fails(
                IncompleteSignatureException.class,
                "Credential must have exactly 5 slash-delimited elements, "
                        + "e.g. keyid/date/region/service/term, got 'AKID/20261121/dynamodb/aws4_request'",
                GOOD.replace("/eu-west-1", ""),
                DATE);
        fails(
                InvalidSignatureException.class,
                "Credential should be scoped to a valid region, not 'eu_west'. "
                        + "Credential should be scoped to correct service: 'dynamodb'. "
                        + "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4'.",
                GOOD.replace("eu-west-1/dynamodb/aws4_request", "eu_west/s3/aws4"),
                DATE);
        fails(
                InvalidSignatureException.class,
                "'Host' must be a 'SignedHeader' in the AWS Authorization.",
                GOOD.replace("content-type;host;x-amz-date", "content-type;hostname"),
                DATE);
    }

    @Test
    void theDateComesBeforeHostAlgorithmAndScope() {
        String everythingWrong = GOOD.replace("SHA256", "SHA1")
                .replace("content-type;host;x-amz-date", "content-type")
                .replace("/eu-west-1", "");
        fails(
                IncompleteSignatureException.class,
                "Date must be in ISO-8601 'basic format'. Got 'yesterday'. "
                        + "See http://en.wikipedia.org/wiki/ISO_8601",
                everythingWrong,
                "yesterday");
        fails(
                InvalidSignatureException.class,
                "'Host' must be a 'SignedHeader' in the AWS Authorization.",
                everythingWrong,
                DATE);
        // an X-Amz-Date must be ISO 8601's basic format; a Date header may be HTTP's own
        fails(
                IncompleteSignatureException.class,
                "Date must be in ISO-8601 'basic format'. Got 'Sat, 21 Nov 2026 00:00:00 GMT'. "
                        + "See http://en.wikipedia.org/wiki/ISO_8601",
                GOOD,
                "Sat, 21 Nov 2026 00:00:00 GMT");
        assertEquals(
                new Authorization("AKID", "eu-west-1"),
                Authorization.check(GOOD, "Sat, 21 Nov 2026 00:00:00 GMT", true));
        fails(
                IncompleteSignatureException.class,
                "Date must be in ISO-8601 'basic format'. Got '20260229T000000Z'. "
                        + "See http://en.wikipedia.org/wiki/ISO_8601",
                GOOD,
                "20260229T000000Z");
    }

    @Test
    void theScopesDateMustBeTheRequestsAndTheKeyMustNotBeEmpty() {
        fails(
                InvalidSignatureException.class,
                "Credential should be scoped to correct service: 'dynamodb'. "
                        + "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                        + "'20261121' != '20261122', from '20261122T235959Z'.",
                GOOD.replace("/dynamodb/", "/s3/"),
                "20261122T235959Z");
        fails(
                floe.api.error.UnrecognizedClientException.class,
                "The security token included in the request is invalid.",
                GOOD.replace("AKID/", "/"),
                DATE);
    }
}
