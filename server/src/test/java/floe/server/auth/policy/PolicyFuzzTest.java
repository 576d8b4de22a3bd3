package floe.server.auth.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Policy documents mutated at random (seeded): each is read, or refused with
 * MalformedPolicyException naming the policy, never anything else; a document that is read
 * evaluates without failing; and an unmutated deny keeps denying.
 */
class PolicyFuzzTest {
    private static final long SEED = Long.getLong("floe.fuzz.seed", 20261206L);
    private static final int ITERATIONS = Integer.getInteger("floe.fuzz.iterations", 4000);
    private static final String BOOKS = "arn:aws:dynamodb:us-east-1:111122223333:table/books";
    private static final String DOCUMENT =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"own\",\"Effect\":\"Allow\","
                    + "\"Action\":[\"dynamodb:Get*\",\"dynamodb:Query\"],\"Resource\":\"arn:aws:dynamodb:*:*:table/${aws:username}*\","
                    + "\"Condition\":{\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":[\"${aws:userid}\"]},"
                    + "\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"2001:db8::/32\"]},"
                    + "\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"},\"NumericGreaterThan\":{\"aws:EpochTime\":\"1\"},"
                    + "\"Null\":{\"dynamodb:Attributes\":\"false\"},\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:user/*\"}}},"
                    + "{\"Effect\":\"Deny\",\"NotAction\":\"dynamodb:Get*\",\"NotResource\":\"" + BOOKS + "\","
                    + "\"Principal\":{\"AWS\":\"*\"}}]}";
    private static final String[] PIECES = {
        "{",
        "}",
        "[",
        "]",
        "\"",
        ",",
        ":",
        "*",
        "?",
        "${",
        "}",
        "${aws:username, '",
        "\\u0000",
        "\\\"",
        "null",
        "true",
        "1e999",
        "-",
        "/",
        "::",
        "ForAllValues:",
        "IfExists",
        "Allow",
        "Deny",
        "\"Condition\":{}",
        "\"Statement\":{}",
        "\u00e9",
        "\ud83d\ude00"
    };

    @Test
    void mutatedDocumentsAreReadOrRefusedByName() {
        Random random = new Random(SEED);
        RequestContext ctx = PolicyEvaluationTest.context(new Caller(
                        "111122223333", "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/alice"))
                .put("dynamodb:LeadingKeys", List.of("AIDAALICE", "x"))
                .put("dynamodb:Attributes", List.of("id"))
                .build();
        int read = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            StringBuilder doc = new StringBuilder(DOCUMENT);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(doc.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> doc.insert(at, PIECES[random.nextInt(PIECES.length)]);
                    case 1 -> doc.delete(at, Math.min(doc.length(), at + 1 + random.nextInt(8)));
                    default -> {
                        if (at < doc.length()) {
                            doc.setCharAt(at, (char) (32 + random.nextInt(95)));
                        }
                    }
                }
            }
            Policy p;
            try {
                p = Policy.parse("fuzz", doc.toString());
            } catch (MalformedPolicyException e) {
                assertTrue(e.getMessage().startsWith("fuzz: "), e.getMessage());
                continue;
            } catch (RuntimeException e) {
                fail("seed " + SEED + ", iteration " + i + ": " + doc, e);
                return;
            }
            read++;
            for (String action : List.of("dynamodb:GetItem", "dynamodb:PutItem")) {
                Decision.decide(List.of(p), p, "111122223333", action, BOOKS, ctx);
            }
        }
        assertTrue(read > 0, "no mutated document was read: the fuzzer only exercised refusals");
        assertEquals(
                Decision.EXPLICIT_DENY_IDENTITY,
                Decision.decide(
                        List.of(Policy.parse("doc", DOCUMENT)),
                        null,
                        "111122223333",
                        "dynamodb:PutItem",
                        "arn:aws:dynamodb:us-east-1:111122223333:table/other",
                        ctx));
    }
}
