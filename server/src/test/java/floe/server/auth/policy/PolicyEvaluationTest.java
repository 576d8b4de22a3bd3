package floe.server.auth.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IAM's policy evaluation, one row per case: a statement (or a whole document), the action
 * and resource asked, and the decision. Alice is a user of account 111122223333 asking from
 * 203.0.113.7 at 2026-11-21T10:00:00Z over HTTP, in us-east-1.
 */
class PolicyEvaluationTest {
    private static final String ACCOUNT = "111122223333";
    private static final String BOOKS = "arn:aws:dynamodb:us-east-1:111122223333:table/books";
    private static final Caller ALICE =
            new Caller(ACCOUNT, "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/alice");
    private static final Caller BOB =
            new Caller("444455556666", "arn:aws:iam::444455556666:user/bob", "arn:aws:iam::444455556666:user/bob");

    private static final Decision A = Decision.ALLOWED;
    private static final Decision NO = Decision.NO_IDENTITY_ALLOW;
    private static final Decision DENY = Decision.EXPLICIT_DENY_IDENTITY;

    static RequestContext.Builder context(Caller caller) {
        return RequestContext.builder(caller)
                .put("aws:username", caller == ALICE ? "alice" : "bob")
                .put("aws:userid", caller == ALICE ? "AIDAALICE" : "AIDABOB")
                .put("aws:PrincipalArn", caller.principalArn())
                .put("aws:PrincipalAccount", caller.account())
                .put("aws:SourceIp", "203.0.113.7")
                .put("aws:CurrentTime", "2026-11-21T10:00:00Z")
                .put("aws:EpochTime", "1795260000")
                .put("aws:SecureTransport", "false")
                .put("aws:RequestedRegion", "us-east-1");
    }

    /** A statement that allows GetItem on books when {@code condition} holds. */
    private static String when(String condition) {
        return "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"" + BOOKS + "\",\"Condition\":"
                + condition + "}";
    }

    private static Arguments row(String name, String statement, String action, String resource, Decision expected) {
        return Arguments.of(name, statement, action, resource, List.of(), expected);
    }

    /** A row whose request also carries {@code keys}: key, value, key, value ... (a value "a|b" is multivalued). */
    private static Arguments row(String name, String statement, List<String> keys, Decision expected) {
        return Arguments.of(name, statement, "dynamodb:GetItem", BOOKS, keys, expected);
    }

    static Stream<Arguments> rows() {
        String get = "dynamodb:GetItem";
        return Stream.of(
                // actions, resources, effects
                row(
                        "exact allow",
                        "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"" + BOOKS + "\"}",
                        get,
                        BOOKS,
                        A),
                row(
                        "no statement applies",
                        "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:PutItem\",\"Resource\":\"" + BOOKS + "\"}",
                        get,
                        BOOKS,
                        NO),
                row(
                        "action names ignore case",
                        "{\"Effect\":\"Allow\",\"Action\":\"DynamoDB:getitem\",\"Resource\":\"*\"}",
                        get,
                        BOOKS,
                        A),
                row(
                        "action wildcard *",
                        "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:Get*\",\"Resource\":\"*\"}",
                        get,
                        BOOKS,
                        A),
                row(
                        "action wildcard ?",
                        "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:?etItem\",\"Resource\":\"*\"}",
                        get,
                        BOOKS,
                        A),
                row(
                        "action list",
                        "{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:PutItem\",\"dynamodb:GetItem\"],\"Resource\":\"*\"}",
                        get,
                        BOOKS,
                        A),
                row(
                        "NotAction allows the others",
                        "{\"Effect\":\"Allow\",\"NotAction\":\"dynamodb:Delete*\",\"Resource\":\"*\"}",
                        get,
                        BOOKS,
                        A),
                row(
                        "NotAction excludes its own",
                        "{\"Effect\":\"Allow\",\"NotAction\":\"dynamodb:Get*\",\"Resource\":\"*\"}",
                        get,
                        BOOKS,
                        NO),
                row(
                        "resource wildcard",
                        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:dynamodb:*:*:table/bo?ks\"}",
                        get,
                        BOOKS,
                        A),
                row(
                        "resources compare with case",
                        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:dynamodb:*:*:table/Books\"}",
                        get,
                        BOOKS,
                        NO),
                row(
                        "a table's ARN is not its index's",
                        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"" + BOOKS + "\"}",
                        "dynamodb:Query",
                        BOOKS + "/index/byAuthor",
                        NO),
                row(
                        "index wildcard",
                        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"" + BOOKS + "/index/*\"}",
                        "dynamodb:Query",
                        BOOKS + "/index/byAuthor",
                        A),
                row(
                        "NotResource",
                        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotResource\":\"arn:aws:dynamodb:*:*:table/secrets\"}",
                        get,
                        BOOKS,
                        A),
                row(
                        "NotResource excludes",
                        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotResource\":\"" + BOOKS + "\"}",
                        get,
                        BOOKS,
                        NO),
                row(
                        "explicit deny wins over allow",
                        "[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\""
                                + BOOKS + "\"}]",
                        get,
                        BOOKS,
                        DENY),
                row(
                        "a deny elsewhere leaves the allow",
                        "[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"dynamodb:DeleteItem\",\"Resource\":\"*\"}]",
                        get,
                        BOOKS,
                        A),
                // policy variables
                row(
                        "${aws:username} in a resource",
                        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:dynamodb:*:*:table/${aws:username}-*\"}",
                        get,
                        "arn:aws:dynamodb:us-east-1:111122223333:table/alice-notes",
                        A),
                row(
                        "${aws:username} is someone's",
                        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:dynamodb:*:*:table/${aws:username}-*\"}",
                        get,
                        "arn:aws:dynamodb:us-east-1:111122223333:table/bob-notes",
                        NO),
                row(
                        "${aws:PrincipalAccount}",
                        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:dynamodb:*:${aws:PrincipalAccount}:table/*\"}",
                        get,
                        BOOKS,
                        A),
                row(
                        "a missing variable matches nothing",
                        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:dynamodb:*:*:table/${aws:TokenIssueTime}\"}",
                        get,
                        BOOKS,
                        NO),
                row(
                        "a variable's default",
                        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:dynamodb:*:*:table/${aws:TokenIssueTime, 'books'}\"}",
                        get,
                        BOOKS,
                        A),
                row(
                        "${aws:userid} in a condition",
                        when("{\"StringEquals\":{\"dynamodb:LeadingKeys\":\"${aws:userid}\"}}"),
                        List.of("dynamodb:LeadingKeys", "AIDAALICE"),
                        A),
                // string operators
                row("StringEquals", when("{\"StringEquals\":{\"aws:username\":\"alice\"}}"), List.of(), A),
                row("StringEquals fails", when("{\"StringEquals\":{\"aws:username\":\"Alice\"}}"), List.of(), NO),
                row("keys ignore case", when("{\"StringEquals\":{\"AWS:UserName\":\"alice\"}}"), List.of(), A),
                row("StringNotEquals", when("{\"StringNotEquals\":{\"aws:username\":\"bob\"}}"), List.of(), A),
                row(
                        "StringNotEquals on a missing key holds",
                        when("{\"StringNotEquals\":{\"dynamodb:Select\":\"COUNT\"}}"),
                        List.of(),
                        A),
                row(
                        "StringEqualsIgnoreCase",
                        when("{\"StringEqualsIgnoreCase\":{\"aws:username\":\"ALICE\"}}"),
                        List.of(),
                        A),
                row(
                        "StringNotEqualsIgnoreCase",
                        when("{\"StringNotEqualsIgnoreCase\":{\"aws:username\":\"ALICE\"}}"),
                        List.of(),
                        NO),
                row("StringLike", when("{\"StringLike\":{\"aws:username\":\"a*e\"}}"), List.of(), A),
                row("StringNotLike", when("{\"StringNotLike\":{\"aws:username\":\"a*\"}}"), List.of(), NO),
                row(
                        "values of a key are alternatives",
                        when("{\"StringEquals\":{\"aws:username\":[\"bob\",\"alice\"]}}"),
                        List.of(),
                        A),
                row(
                        "operators and keys all hold",
                        when(
                                "{\"StringEquals\":{\"aws:username\":\"alice\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}"),
                        List.of(),
                        NO),
                row(
                        "a missing key fails a plain operator",
                        when("{\"StringEquals\":{\"dynamodb:Select\":\"COUNT\"}}"),
                        List.of(),
                        NO),
                row(
                        "...IfExists passes a missing key",
                        when("{\"StringEqualsIfExists\":{\"dynamodb:Select\":\"SPECIFIC_ATTRIBUTES\"}}"),
                        List.of(),
                        A),
                row(
                        "...IfExists checks a present key",
                        when("{\"StringEqualsIfExists\":{\"dynamodb:Select\":\"SPECIFIC_ATTRIBUTES\"}}"),
                        List.of("dynamodb:Select", "ALL_ATTRIBUTES"),
                        NO),
                // numeric
                row("NumericEquals", when("{\"NumericEquals\":{\"aws:EpochTime\":\"1795260000\"}}"), List.of(), A),
                row(
                        "NumericNotEquals",
                        when("{\"NumericNotEquals\":{\"aws:EpochTime\":\"1795260000\"}}"),
                        List.of(),
                        NO),
                row("NumericLessThan", when("{\"NumericLessThan\":{\"aws:EpochTime\":\"1795260001\"}}"), List.of(), A),
                row(
                        "NumericLessThanEquals",
                        when("{\"NumericLessThanEquals\":{\"aws:EpochTime\":\"1795259999\"}}"),
                        List.of(),
                        NO),
                row("NumericGreaterThan", when("{\"NumericGreaterThan\":{\"aws:EpochTime\":\"1.7E9\"}}"), List.of(), A),
                row(
                        "NumericGreaterThanEquals",
                        when("{\"NumericGreaterThanEquals\":{\"aws:EpochTime\":\"1795260000\"}}"),
                        List.of(),
                        A),
                // dates
                row(
                        "DateEquals",
                        when("{\"DateEquals\":{\"aws:CurrentTime\":\"2026-11-21T10:00:00Z\"}}"),
                        List.of(),
                        A),
                row(
                        "DateNotEquals",
                        when("{\"DateNotEquals\":{\"aws:CurrentTime\":\"2026-11-21T10:00:00Z\"}}"),
                        List.of(),
                        NO),
                row("DateLessThan", when("{\"DateLessThan\":{\"aws:CurrentTime\":\"2027-01-01\"}}"), List.of(), A),
                row(
                        "DateLessThanEquals",
                        when("{\"DateLessThanEquals\":{\"aws:CurrentTime\":\"2026-11-21T09:59:59Z\"}}"),
                        List.of(),
                        NO),
                row(
                        "DateGreaterThan in epoch seconds",
                        when("{\"DateGreaterThan\":{\"aws:CurrentTime\":\"1700000000\"}}"),
                        List.of(),
                        A),
                row(
                        "DateGreaterThanEquals with an offset",
                        when("{\"DateGreaterThanEquals\":{\"aws:CurrentTime\":\"2026-11-21T11:00:00+01:00\"}}"),
                        List.of(),
                        A),
                // bool, binary, null
                row("Bool", when("{\"Bool\":{\"aws:SecureTransport\":\"false\"}}"), List.of(), A),
                row("Bool fails", when("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}"), List.of(), NO),
                row(
                        "BinaryEquals",
                        when("{\"BinaryEquals\":{\"app:token\":\"QmFzZTY0\"}}"),
                        List.of("app:token", "QmFzZTY0"),
                        A),
                row(
                        "Null true: the key is absent",
                        when("{\"Null\":{\"dynamodb:Attributes\":\"true\"}}"),
                        List.of(),
                        A),
                row(
                        "Null false: the key is present",
                        when("{\"Null\":{\"dynamodb:Attributes\":\"false\"}}"),
                        List.of(),
                        NO),
                // IP addresses
                row("IpAddress", when("{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}"), List.of(), A),
                row("IpAddress outside", when("{\"IpAddress\":{\"aws:SourceIp\":\"198.51.100.0/24\"}}"), List.of(), NO),
                row("NotIpAddress", when("{\"NotIpAddress\":{\"aws:SourceIp\":\"198.51.100.0/24\"}}"), List.of(), A),
                row(
                        "IpAddress, a bare address",
                        when("{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.7\"}}"),
                        List.of(),
                        A),
                row(
                        "IpAddress v6",
                        when("{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/32\"}}"),
                        List.of("aws:SourceIp", "2001:db8::1"),
                        A),
                // ARNs
                row(
                        "ArnEquals",
                        when("{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:user/alice\"}}"),
                        List.of(),
                        A),
                row("ArnLike", when("{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:user/a*\"}}"), List.of(), A),
                row(
                        "ArnLike keeps to a part",
                        when("{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*\"}}"),
                        List.of(),
                        NO),
                row(
                        "ArnNotEquals",
                        when("{\"ArnNotEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:user/alice\"}}"),
                        List.of(),
                        NO),
                row(
                        "ArnNotLike",
                        when("{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/*\"}}"),
                        List.of(),
                        A),
                // set operators on multivalued keys
                row(
                        "ForAllValues: every value listed",
                        when("{\"ForAllValues:StringEquals\":{\"dynamodb:Attributes\":[\"id\",\"title\",\"year\"]}}"),
                        List.of("dynamodb:Attributes", "id|title"),
                        A),
                row(
                        "ForAllValues: one value not listed",
                        when("{\"ForAllValues:StringEquals\":{\"dynamodb:Attributes\":[\"id\",\"title\"]}}"),
                        List.of("dynamodb:Attributes", "id|price"),
                        NO),
                row(
                        "ForAllValues: an absent key holds",
                        when("{\"ForAllValues:StringEquals\":{\"dynamodb:Attributes\":[\"id\"]}}"),
                        List.of(),
                        A),
                row(
                        "ForAnyValue: one value listed",
                        when("{\"ForAnyValue:StringEquals\":{\"dynamodb:Attributes\":[\"price\"]}}"),
                        List.of("dynamodb:Attributes", "id|price"),
                        A),
                row(
                        "ForAnyValue: none listed",
                        when("{\"ForAnyValue:StringEquals\":{\"dynamodb:Attributes\":[\"cost\"]}}"),
                        List.of("dynamodb:Attributes", "id|price"),
                        NO),
                row(
                        "ForAnyValue: an absent key fails",
                        when("{\"ForAnyValue:StringEquals\":{\"dynamodb:Attributes\":[\"id\"]}}"),
                        List.of(),
                        NO),
                row(
                        "ForAllValues:StringLike",
                        when("{\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":[\"${aws:username}#*\"]}}"),
                        List.of("dynamodb:LeadingKeys", "alice#1|alice#2"),
                        A),
                row(
                        "ForAllValues:StringNotEquals",
                        when("{\"ForAllValues:StringNotEquals\":{\"dynamodb:Attributes\":[\"secret\"]}}"),
                        List.of("dynamodb:Attributes", "id|secret"),
                        NO),
                row(
                        "ForAnyValue:StringNotLike",
                        when("{\"ForAnyValue:StringNotLike\":{\"dynamodb:Attributes\":[\"i*\"]}}"),
                        List.of("dynamodb:Attributes", "id|title"),
                        A),
                // Principal in an identity policy statement that names the caller
                row(
                        "a Principal naming the account",
                        "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"*\",\"Resource\":\"*\"}",
                        get,
                        BOOKS,
                        A),
                row(
                        "NotPrincipal",
                        "{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:user/bob\"},\"Action\":\"*\",\"Resource\":\"*\"}",
                        get,
                        BOOKS,
                        A));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void identityPolicies(
            String name, String statement, String action, String resource, List<String> keys, Decision expected) {
        Policy p = Policy.parse("test", "{\"Version\":\"2012-10-17\",\"Statement\":" + statement + "}");
        RequestContext.Builder b = context(ALICE);
        for (int i = 0; i < keys.size(); i += 2) {
            b.put(keys.get(i), List.of(keys.get(i + 1).split("\\|")));
        }
        assertEquals(expected, Decision.decide(List.of(p), null, ACCOUNT, action, resource, b.build()));
    }

    private static Policy policy(String statements) {
        return Policy.parse("test", "{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}");
    }

    private static final Policy ALL = policy("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");

    @Test
    void resourcePoliciesAndAccounts() {
        Policy forBob = policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:user/bob\"},"
                + "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"" + BOOKS + "\"}");
        Policy forAlice = policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
                + "\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}");
        Policy denyAll =
                policy("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}");
        RequestContext alice = context(ALICE).build();
        RequestContext bob = context(BOB).build();
        String get = "dynamodb:GetItem";
        // same account: either side's allow is enough
        assertEquals(A, Decision.decide(List.of(), forAlice, ACCOUNT, get, BOOKS, alice));
        assertEquals(A, Decision.decide(List.of(ALL), null, ACCOUNT, get, BOOKS, alice));
        assertEquals(NO, Decision.decide(List.of(), forBob, ACCOUNT, get, BOOKS, alice));
        // a resource policy's deny wins over an identity allow
        assertEquals(
                Decision.EXPLICIT_DENY_RESOURCE, Decision.decide(List.of(ALL), denyAll, ACCOUNT, get, BOOKS, alice));
        // cross-account: both sides must allow
        assertEquals(A, Decision.decide(List.of(ALL), forBob, ACCOUNT, get, BOOKS, bob));
        assertEquals(NO, Decision.decide(List.of(), forBob, ACCOUNT, get, BOOKS, bob));
        assertEquals(Decision.NO_RESOURCE_ALLOW, Decision.decide(List.of(ALL), null, ACCOUNT, get, BOOKS, bob));
        assertEquals(Decision.NO_RESOURCE_ALLOW, Decision.decide(List.of(ALL), forAlice, ACCOUNT, get, BOOKS, bob));
        // a resource policy statement applies only to the principals it names
        assertEquals(
                Decision.NO_RESOURCE_ALLOW,
                Decision.decide(List.of(ALL), forBob, ACCOUNT, "dynamodb:PutItem", BOOKS, bob));
    }

    @Test
    void aRolesSessionMatchesTheRoleAndTheSession() {
        Caller session = new Caller(
                ACCOUNT, "arn:aws:sts::111122223333:assumed-role/auditor/s1", "arn:aws:iam::111122223333:role/auditor");
        Policy forRole =
                policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:role/auditor\"]},"
                        + "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}");
        assertEquals(
                A,
                Decision.decide(
                        List.of(),
                        forRole,
                        ACCOUNT,
                        "dynamodb:GetItem",
                        BOOKS,
                        RequestContext.builder(session).build()));
    }

    @Test
    void messagesAreAws() {
        assertEquals(
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: dynamodb:GetItem on resource: "
                        + BOOKS + " because no identity-based policy allows the dynamodb:GetItem action",
                NO.message(ALICE.arn(), "dynamodb:GetItem", BOOKS));
        assertEquals(
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: dynamodb:GetItem on resource: "
                        + BOOKS + " with an explicit deny in an identity-based policy",
                DENY.message(ALICE.arn(), "dynamodb:GetItem", BOOKS));
        assertEquals(
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: dynamodb:GetItem on resource: "
                        + BOOKS + " with an explicit deny in a resource-based policy",
                Decision.EXPLICIT_DENY_RESOURCE.message(ALICE.arn(), "dynamodb:GetItem", BOOKS));
        assertEquals(
                "User: arn:aws:iam::444455556666:user/bob is not authorized to perform: dynamodb:GetItem on resource: "
                        + BOOKS + " because no resource-based policy allows the dynamodb:GetItem action",
                Decision.NO_RESOURCE_ALLOW.message(BOB.arn(), "dynamodb:GetItem", BOOKS));
    }

    @Test
    void oneCompiledPolicyResolvesItsVariablesForEachContext() {
        // The same policy object asked in turn for Alice, Bob and Alice again, with the questions' own
        // keys laid over each context: a variable's value is each context's, never the last one's.
        Policy own = policy("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\","
                + "\"Resource\":\"arn:aws:dynamodb:*:*:table/${aws:username}\",\"Condition\":"
                + "{\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":[\"${aws:username}-*\"]}}}");
        RequestContext alice = context(ALICE).build();
        RequestContext bob = context(BOB).build();
        String get = "dynamodb:GetItem";
        String aliceTable = "arn:aws:dynamodb:us-east-1:111122223333:table/alice";
        String bobTable = "arn:aws:dynamodb:us-east-1:111122223333:table/bob";
        for (int round = 0; round < 2; round++) {
            assertEquals(
                    A,
                    Decision.decide(
                            List.of(own),
                            null,
                            ACCOUNT,
                            get,
                            aliceTable,
                            alice.withAll(Map.of("dynamodb:LeadingKeys", List.of("alice-1")))));
            assertEquals(
                    NO,
                    Decision.decide(
                            List.of(own),
                            null,
                            ACCOUNT,
                            get,
                            aliceTable,
                            alice.withAll(Map.of("dynamodb:LeadingKeys", List.of("bob-1")))));
            assertEquals(
                    A,
                    Decision.decide(
                            List.of(own),
                            null,
                            "444455556666",
                            get,
                            bobTable,
                            bob.withAll(Map.of("dynamodb:LeadingKeys", List.of("bob-1")))));
            assertEquals(NO, Decision.decide(List.of(own), null, "444455556666", get, aliceTable, bob));
        }
        // a question's own key named by a variable is that question's value, not the shared one's
        Policy byKey = policy("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\","
                + "\"Resource\":\"arn:aws:dynamodb:*:*:table/${aws:username}\"}");
        assertEquals(A, Decision.decide(List.of(byKey), null, ACCOUNT, get, aliceTable, alice));
        assertEquals(
                A,
                Decision.decide(
                        List.of(byKey),
                        null,
                        ACCOUNT,
                        get,
                        bobTable,
                        alice.withAll(Map.of("aws:username", List.of("bob")))));
        assertEquals(NO, Decision.decide(List.of(byKey), null, ACCOUNT, get, bobTable, alice));
    }

    @Test
    void variablesStayLiteralInOldVersions() {
        Policy old = Policy.parse(
                "old",
                "{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                        + "\"Resource\":\"arn:aws:dynamodb:*:*:table/${aws:username}\"}}");
        assertEquals(
                NO,
                Decision.decide(
                        List.of(old),
                        null,
                        ACCOUNT,
                        "dynamodb:GetItem",
                        "arn:aws:dynamodb:us-east-1:111122223333:table/alice",
                        context(ALICE).build()));
    }

    @Test
    void malformedPoliciesAreRefusedByName() {
        for (String bad : List.of(
                "not json",
                "[]",
                "{\"Statement\":{\"Effect\":\"Perhaps\",\"Action\":\"*\",\"Resource\":\"*\"}}",
                "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"*\",\"Resource\":\"*\"}}",
                "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"GetItem\",\"Resource\":\"*\"}}",
                "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringSounds\":{\"a\":\"b\"}}}}",
                "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"NumericEquals\":{\"a\":\"ten\"}}}}",
                "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/33\"}}}}",
                "{\"Version\":\"2020-01-01\",\"Statement\":[]}",
                "{\"Statement\":[],\"Extra\":1}")) {
            MalformedPolicyException e =
                    assertThrows(MalformedPolicyException.class, () -> Policy.parse("p1", bad), bad);
            assertTrue(e.getMessage().startsWith("p1: "), e.getMessage());
        }
    }
}
