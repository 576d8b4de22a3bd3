package floe.tck.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.Stability;
import floe.api.error.AccessDeniedException;
import floe.api.error.LimitExceededException;
import floe.api.error.PolicyNotFoundException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.TableNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.ConditionCheck;
import floe.api.model.ConsumedCapacity;
import floe.api.model.ContinuousBackupsDescription;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteResourcePolicyRequest;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DescribeContinuousBackupsRequest;
import floe.api.model.DescribeEndpointsRequest;
import floe.api.model.DescribeEndpointsResponse;
import floe.api.model.DescribeLimitsRequest;
import floe.api.model.DescribeLimitsResponse;
import floe.api.model.DescribeTableRequest;
import floe.api.model.Get;
import floe.api.model.GetItemRequest;
import floe.api.model.GetResourcePolicyRequest;
import floe.api.model.GetResourcePolicyResponse;
import floe.api.model.GlobalSecondaryIndex;
import floe.api.model.KeySchemaElement;
import floe.api.model.ListTagsOfResourceRequest;
import floe.api.model.ListTagsOfResourceResponse;
import floe.api.model.OnDemandThroughput;
import floe.api.model.PointInTimeRecoveryDescription;
import floe.api.model.PointInTimeRecoverySpecification;
import floe.api.model.Projection;
import floe.api.model.ProvisionedThroughput;
import floe.api.model.Put;
import floe.api.model.PutItemRequest;
import floe.api.model.PutResourcePolicyRequest;
import floe.api.model.QueryRequest;
import floe.api.model.SseSpecification;
import floe.api.model.TableDescription;
import floe.api.model.Tag;
import floe.api.model.TagResourceRequest;
import floe.api.model.TransactGetItem;
import floe.api.model.TransactGetItemsRequest;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.UntagResourceRequest;
import floe.api.model.UpdateContinuousBackupsRequest;
import floe.api.model.UpdateTableRequest;
import floe.api.model.WarmThroughput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The table control plane beyond keys and indexes, as infrastructure-as-code tools
 * drive it: tags, capacity modes with their throughput settings, table class,
 * deletion protection, encryption at rest, point-in-time recovery, resource-based
 * policies, DescribeLimits and DescribeEndpoints, with DynamoDB's messages; and
 * ConsumedCapacity as DynamoDB computes it. What depends on time (throttling, rate
 * rules, status delays) is in {@link ThrottlingBehaviourTck}.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class ControlPlaneBehaviourTck extends FloeDbTck {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":[\"dynamodb:GetItem\"],\"Resource\":\"*\"}]}";

    private TableDescription describe(String table) {
        return db.describeTable(new DescribeTableRequest(table)).table();
    }

    private String arn(String table) {
        return describe(table).tableArn();
    }

    private Map<String, String> tags(String arn) {
        ListTagsOfResourceResponse page = db.listTagsOfResource(new ListTagsOfResourceRequest(arn, null));
        assertNull(page.nextToken(), "at most 50 tags: one page");
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag t : page.tags()) {
            out.put(t.key(), t.value());
        }
        return out;
    }

    private void tag(String arn, Tag... tags) {
        db.tagResource(new TagResourceRequest(arn, List.of(tags)));
    }

    private static CreateTableRequest onDemand(String name) {
        return table(name, "pk", "S", null, null).toBuilder()
                .billingMode("PAY_PER_REQUEST")
                .provisionedThroughput(null)
                .build();
    }

    private static Map<String, AttributeValue> item(Object... kv) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put(
                    (String) kv[i],
                    v instanceof Number n ? AttributeValue.n(n.toString()) : AttributeValue.s((String) v));
        }
        return m;
    }

    // ------------------------------------------------------------------ tags

    @Test
    void tagsAreAddedReplacedListedAndRemoved() {
        db.createTable(table("tagged", "pk", "S", null, null).toBuilder()
                .tags(List.of(new Tag("env", "prod")))
                .build());
        String arn = arn("tagged");
        assertEquals(Map.of("env", "prod"), tags(arn), "tags given to CreateTable");
        tag(arn, new Tag("team", "data"), new Tag("env", "test"), new Tag("empty", ""));
        assertEquals(
                Map.of("env", "test", "team", "data", "empty", ""),
                tags(arn),
                "a tag of an existing key replaces its value");
        db.untagResource(new UntagResourceRequest(arn, List.of("team", "never-set")));
        assertEquals(Map.of("env", "test", "empty", ""), tags(arn), "keys a table lacks are ignored");
        tag(arn, new Tag("Env", "x"));
        assertEquals("x", tags(arn).get("Env"), "keys are case-sensitive");
        assertEquals(3, tags(arn).size());
    }

    @Test
    void tagsFollowDynamoDbsRules() {
        db.createTable(table("rules", "pk", "S", null, null));
        String arn = arn("rules");
        tag(arn, new Tag("k".repeat(128), "v".repeat(256)), new Tag("ключ café 表 a+b-c=d.e_f:g/h@i", "ok"));
        assertError(
                ValidationException.class,
                "The Tag Key provided is invalid, Key: " + "k".repeat(129),
                () -> tag(arn, new Tag("k".repeat(129), "v")));
        assertError(
                ValidationException.class,
                "The Tag Value provided is invalid, Value: " + "v".repeat(257),
                () -> tag(arn, new Tag("k", "v".repeat(257))));
        assertError(
                ValidationException.class, "The Tag Key provided is invalid, Key: ", () -> tag(arn, new Tag("", "v")));
        assertError(
                ValidationException.class,
                "The Tag Key provided is invalid, Key: bad#char",
                () -> tag(arn, new Tag("bad#char", "v")));
        assertError(
                ValidationException.class,
                "The Tag Value provided is invalid, Value: 100%",
                () -> tag(arn, new Tag("k", "100%")));
        assertError(
                ValidationException.class,
                "Tag Key cannot be prefixed with aws:, Key: aws:foo",
                () -> tag(arn, new Tag("aws:foo", "v")));
        assertError(
                ValidationException.class,
                "Tag Key cannot be prefixed with aws:, Key: AWS:foo",
                () -> tag(arn, new Tag("AWS:foo", "v")));
        assertError(
                ValidationException.class,
                "Duplicate Tag Keys provided as input: Duplicate Tag Key found dup",
                () -> tag(arn, new Tag("dup", "1"), new Tag("dup", "2")));
        assertError(ValidationException.class, "Atleast one Tag needs to be provided as Input.", () -> tag(arn));
        assertError(
                ValidationException.class,
                "Atleast one Tag Key needs to be provided as Input.",
                () -> db.untagResource(new UntagResourceRequest(arn, List.of())));
        assertError(
                ValidationException.class,
                "Tag Key cannot be prefixed with aws:, Key: aws:foo",
                () -> db.untagResource(new UntagResourceRequest(arn, List.of("aws:foo"))));
        assertError(
                ValidationException.class,
                "The Tag Key provided is invalid, Key: " + "x".repeat(129),
                () -> tag(arn, new Tag("good", "1"), new Tag("x".repeat(129), "2")));
        assertFalse(tags(arn).containsKey("good"), "a refused request applies none of its tags");
        tag(arn, new Tag("myaws:foo", "v"));
        assertEquals(3, tags(arn).size());
    }

    @Test
    void aTableHasAtMostFiftyTags() {
        List<Tag> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(new Tag("k" + i, "v" + i));
        }
        db.createTable(
                table("fifty", "pk", "S", null, null).toBuilder().tags(fifty).build());
        String arn = arn("fifty");
        assertEquals(50, tags(arn).size(), "fifty tags come back in one page, with no NextToken");
        String tooMany = "Number of Tags exceed the current limit for the provided ResourceArn";
        assertError(ValidationException.class, tooMany, () -> tag(arn, new Tag("k50", "v")));
        assertError(ValidationException.class, tooMany, () -> tag(arn, new Tag("k0", "new"), new Tag("k51", "v")));
        tag(arn, new Tag("k0", "new"));
        assertEquals("new", tags(arn).get("k0"), "replacing values stays within the limit");
        List<Tag> more = new ArrayList<>(fifty);
        more.add(new Tag("k50", "v"));
        assertError(
                ValidationException.class,
                tooMany,
                () -> db.createTable(table("fifty-one", "pk", "S", null, null).toBuilder()
                        .tags(more)
                        .build()));
        List<String> keys = new ArrayList<>();
        for (Tag t : more) {
            keys.add(t.key());
        }
        assertError(ValidationException.class, tooMany, () -> db.untagResource(new UntagResourceRequest(arn, keys)));
        db.untagResource(new UntagResourceRequest(arn, keys.subList(0, 50)));
        assertEquals(Map.of(), tags(arn));
    }

    @Test
    void resourceArnsAreChecked() {
        db.createTable(table("arned", "pk", "S", null, null));
        String arn = arn("arned");
        String region = arn.split(":")[3];
        String account = arn.split(":")[4];
        assertError(
                ValidationException.class,
                INVALID + "ARNs must start with 'arn:': arned",
                () -> db.listTagsOfResource(new ListTagsOfResourceRequest("arned", null)));
        assertError(
                ValidationException.class,
                INVALID + "Provided Arn is not a DynamoDB resource arn: arn:aws:s3:::bucket",
                () -> db.listTagsOfResource(new ListTagsOfResourceRequest("arn:aws:s3:::bucket", null)));
        assertError(
                ValidationException.class,
                INVALID + "Invalid resource arn provided, only table or stream is accepted. Provided"
                        + " resource arn: " + arn + "/index/byX",
                () -> tag(arn + "/index/byX", new Tag("k", "v")));
        String otherRegion =
                arn.replace(":" + region + ":", ":" + (region.equals("eu-west-1") ? "us-west-2" : "eu-west-1") + ":");
        assertError(
                ValidationException.class,
                "Invalid TableArn: Invalid ResourceArn provided as input " + otherRegion,
                () -> db.listTagsOfResource(new ListTagsOfResourceRequest(otherRegion, null)));
        assertError(
                ValidationException.class,
                INVALID + "Invalid resource Arn: " + otherRegion,
                () -> db.getResourcePolicy(new GetResourcePolicyRequest(otherRegion)));
        String otherAccount = arn.replace(
                ":" + account + ":", ":" + (account.equals("111122223333") ? "444455556666" : "111122223333") + ":");
        assertError(
                AccessDeniedException.class,
                "Access is denied",
                () -> db.listTagsOfResource(new ListTagsOfResourceRequest(otherAccount, null)));
        String missing = arn + "-missing";
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found: ResourceArn: " + missing + " not found",
                () -> tag(missing, new Tag("k", "v")));
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found: ResourceArn: " + missing + " not found",
                () -> db.untagResource(new UntagResourceRequest(missing, List.of("k"))));
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found: Table: arned-missing not found",
                () -> db.putResourcePolicy(PutResourcePolicyRequest.builder()
                        .resourceArn(missing)
                        .policy(POLICY)
                        .build()));
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found: Table: arned-missing not found",
                () -> db.getResourcePolicy(new GetResourcePolicyRequest(missing)));
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found: Table: arned-missing not found",
                () -> db.deleteResourcePolicy(new DeleteResourcePolicyRequest(missing, null)));
    }

    @Test
    void aDeletedTableTakesItsTagsAndPolicyWithIt() {
        db.createTable(table("gone", "pk", "S", null, null).toBuilder()
                .tags(List.of(new Tag("k", "v")))
                .resourcePolicy(POLICY)
                .build());
        String arn = arn("gone");
        assertNotNull(
                db.getResourcePolicy(new GetResourcePolicyRequest(arn)).revisionId(), "a policy given to CreateTable");
        db.deleteTable(new DeleteTableRequest("gone"));
        db.createTable(table("gone", "pk", "S", null, null));
        assertEquals(Map.of(), tags(arn));
        assertError(
                PolicyNotFoundException.class,
                "Resource-based policy not found for the provided ResourceArn: " + arn,
                () -> db.getResourcePolicy(new GetResourcePolicyRequest(arn)));
    }

    // ------------------------------------------------------------------ resource-based policies

    @Test
    void resourcePoliciesAreStoredWithRevisions() {
        db.createTable(table("guarded", "pk", "S", null, null));
        String arn = arn("guarded");
        assertError(
                PolicyNotFoundException.class,
                "Resource-based policy not found for the provided ResourceArn: " + arn,
                () -> db.getResourcePolicy(new GetResourcePolicyRequest(arn)));
        String first = db.putResourcePolicy(PutResourcePolicyRequest.builder()
                        .resourceArn(arn)
                        .policy(POLICY)
                        .build())
                .revisionId();
        GetResourcePolicyResponse got = db.getResourcePolicy(new GetResourcePolicyRequest(arn));
        assertEquals(POLICY, got.policy());
        assertEquals(first, got.revisionId());
        assertEquals(
                first,
                db.putResourcePolicy(PutResourcePolicyRequest.builder()
                                .resourceArn(arn)
                                .policy(POLICY)
                                .build())
                        .revisionId(),
                "putting the same document again changes nothing");
        String changed = POLICY.replace("GetItem", "PutItem");
        String second = db.putResourcePolicy(PutResourcePolicyRequest.builder()
                        .resourceArn(arn)
                        .policy(changed)
                        .expectedRevisionId(first)
                        .build())
                .revisionId();
        assertNotEquals(first, second);
        assertTrue(Long.parseLong(second) > Long.parseLong(first), "revisions are times, in order");
        String prefix = "Resource-based policy not found for the provided ResourceArn: ";
        assertError(
                PolicyNotFoundException.class,
                prefix + "Requested update for policy with revision id " + first
                        + ", but the policy associated to target table guarded has revision id " + second + ".",
                () -> db.putResourcePolicy(PutResourcePolicyRequest.builder()
                        .resourceArn(arn)
                        .policy(POLICY)
                        .expectedRevisionId(first)
                        .build()));
        assertError(
                PolicyNotFoundException.class,
                prefix + "Requested policy update expecting none to be present for table guarded, but a"
                        + " policy exists with revision id " + second + ".",
                () -> db.putResourcePolicy(PutResourcePolicyRequest.builder()
                        .resourceArn(arn)
                        .policy(POLICY)
                        .expectedRevisionId("NO_POLICY")
                        .build()));
        assertError(
                PolicyNotFoundException.class,
                prefix + "Requested update for policy with revision id unknown, but the policy associated"
                        + " to target table guarded has revision id " + second + ".",
                () -> db.deleteResourcePolicy(new DeleteResourcePolicyRequest(arn, "unknown")));
        assertEquals(
                changed,
                db.getResourcePolicy(new GetResourcePolicyRequest(arn)).policy(),
                "refused changes change nothing");
        assertEquals(
                second,
                db.deleteResourcePolicy(new DeleteResourcePolicyRequest(arn, second))
                        .revisionId());
        assertError(
                PolicyNotFoundException.class,
                prefix + arn,
                () -> db.getResourcePolicy(new GetResourcePolicyRequest(arn)));
        assertError(
                PolicyNotFoundException.class,
                prefix + arn,
                () -> db.deleteResourcePolicy(new DeleteResourcePolicyRequest(arn, null)));
        db.putResourcePolicy(PutResourcePolicyRequest.builder()
                .resourceArn(arn)
                .policy(POLICY)
                .expectedRevisionId("NO_POLICY")
                .build());
        assertError(
                ValidationException.class,
                INVALID + "Invalid policy document: This policy contains invalid Json",
                () -> db.putResourcePolicy(PutResourcePolicyRequest.builder()
                        .resourceArn(arn)
                        .policy("{\"Version\":")
                        .build()));
        String huge = "{\"Sid\":\"" + "x".repeat(20 * 1024) + "\"}";
        assertError(
                ValidationException.class,
                INVALID + "Maximum policy size of 20480 bytes exceeded",
                () -> db.putResourcePolicy(PutResourcePolicyRequest.builder()
                        .resourceArn(arn)
                        .policy(huge)
                        .build()));
    }

    // ------------------------------------------------------------------ capacity modes

    @Test
    void onDemandTablesHaveNoProvisionedThroughputAndMayHaveMaximums() {
        TableDescription created = db.createTable(onDemand("ondemand").toBuilder()
                        .onDemandThroughput(new OnDemandThroughput(100L, null))
                        .build())
                .tableDescription();
        assertEquals("PAY_PER_REQUEST", created.billingModeSummary().billingMode());
        assertNull(created.warmThroughput(), "CreateTable's answer has no warm throughput unless one was asked for");
        TableDescription d = describe("ondemand");
        assertNotNull(d.billingModeSummary().lastUpdateToPayPerRequestDateTime());
        assertEquals(0L, d.provisionedThroughput().readCapacityUnits());
        assertEquals(0L, d.provisionedThroughput().writeCapacityUnits());
        assertEquals(new OnDemandThroughput(100L, null), d.onDemandThroughput());
        assertEquals(12000L, d.warmThroughput().readUnitsPerSecond(), "an on-demand table's initial throughput");
        assertEquals(4000L, d.warmThroughput().writeUnitsPerSecond());
        assertEquals("ACTIVE", d.warmThroughput().status());
        TableDescription answer = db.updateTable(UpdateTableRequest.builder()
                        .tableName("ondemand")
                        .onDemandThroughput(new OnDemandThroughput(null, 50L))
                        .build())
                .tableDescription();
        assertEquals("ACTIVE", answer.tableStatus(), "on-demand maximums change at once");
        assertEquals(new OnDemandThroughput(100L, 50L), describe("ondemand").onDemandThroughput(), "members merge");
        answer = db.updateTable(UpdateTableRequest.builder()
                        .tableName("ondemand")
                        .onDemandThroughput(new OnDemandThroughput(-1L, null))
                        .build())
                .tableDescription();
        assertEquals(
                new OnDemandThroughput(-1L, 50L),
                answer.onDemandThroughput(),
                "the answer shows a removed maximum as -1");
        assertEquals(new OnDemandThroughput(null, 50L), describe("ondemand").onDemandThroughput());
        db.updateTable(UpdateTableRequest.builder()
                .tableName("ondemand")
                .onDemandThroughput(new OnDemandThroughput(null, -1L))
                .build());
        assertNull(describe("ondemand").onDemandThroughput(), "none left: none described");
        assertError(
                ValidationException.class,
                INVALID + "Requested MaxWriteRequestUnits for OnDemandThroughput for table is outside of"
                        + " valid range",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("ondemand")
                        .onDemandThroughput(new OnDemandThroughput(null, 0L))
                        .build()));
        assertError(
                ValidationException.class,
                INVALID + "Requested MaxReadRequestUnits for OnDemandThroughput for table is outside of"
                        + " valid range",
                () -> db.createTable(onDemand("ondemand2").toBuilder()
                        .onDemandThroughput(new OnDemandThroughput(-1L, 1L))
                        .build()));
        assertError(
                ValidationException.class,
                INVALID + "MaxReadRequestUnits for OnDemandThroughput cannot be specified when table"
                        + " BillingMode is PROVISIONED.",
                () -> db.createTable(table("prov", "pk", "S", null, null).toBuilder()
                        .onDemandThroughput(new OnDemandThroughput(10L, 10L))
                        .build()));
        db.createTable(table("prov", "pk", "S", null, null));
        assertError(
                ValidationException.class,
                INVALID + "MaxReadRequestUnits for OnDemandThroughput cannot be specified when the table"
                        + " BillingMode is PROVISIONED",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("prov")
                        .onDemandThroughput(new OnDemandThroughput(10L, null))
                        .build()));
        assertError(
                ValidationException.class,
                INVALID + "OnDemandThroughput can only be combined with BillingMode in an UpdateTable" + " request",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("prov")
                        .provisionedThroughput(new ProvisionedThroughput(6L, 6L))
                        .onDemandThroughput(new OnDemandThroughput(10L, null))
                        .build()));
        db.updateTable(UpdateTableRequest.builder()
                .tableName("prov")
                .billingMode("PAY_PER_REQUEST")
                .onDemandThroughput(new OnDemandThroughput(10L, 20L))
                .build());
        assertEquals(
                new OnDemandThroughput(10L, 20L),
                describe("prov").onDemandThroughput(),
                "with the switch to on-demand");
        assertThrows(
                LimitExceededException.class,
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("prov")
                        .onDemandThroughput(new OnDemandThroughput(40_001L, null))
                        .build()),
                "above the per-table quota");
    }

    @Test
    void switchingBillingModesFollowsDynamoDbsRules() {
        db.createTable(table("switch", "pk", "S", null, null));
        assertNull(describe("switch").billingModeSummary(), "a table created provisioned has no billing summary");
        TableDescription answer = db.updateTable(UpdateTableRequest.builder()
                        .tableName("switch")
                        .billingMode("PAY_PER_REQUEST")
                        .build())
                .tableDescription();
        assertEquals("UPDATING", answer.tableStatus());
        assertEquals(0L, answer.provisionedThroughput().readCapacityUnits());
        assertError(
                ValidationException.class,
                INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode"
                        + " is PAY_PER_REQUEST",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("switch")
                        .provisionedThroughput(new ProvisionedThroughput(1L, 1L))
                        .build()));
        assertEquals(
                "UPDATING",
                db.updateTable(UpdateTableRequest.builder()
                                .tableName("switch")
                                .billingMode("PAY_PER_REQUEST")
                                .build())
                        .tableDescription()
                        .tableStatus(),
                "re-sending the mode is accepted and changes nothing");
        assertError(
                ValidationException.class,
                INVALID + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("switch")
                        .billingMode("PROVISIONED")
                        .build()));
        db.updateTable(UpdateTableRequest.builder()
                .tableName("switch")
                .billingMode("PROVISIONED")
                .provisionedThroughput(new ProvisionedThroughput(3L, 4L))
                .build());
        TableDescription back = describe("switch");
        assertEquals(
                "PROVISIONED", back.billingModeSummary().billingMode(), "a table once on-demand keeps its summary");
        assertNotNull(back.billingModeSummary().lastUpdateToPayPerRequestDateTime());
        assertEquals(3L, back.provisionedThroughput().readCapacityUnits());
        assertEquals(12000L, back.warmThroughput().readUnitsPerSecond(), "warm throughput never goes down");
    }

    @Test
    void warmThroughputFollowsTheHighestThroughputAndOnlyRises() {
        db.createTable(table("warm", "pk", "S", null, null));
        assertEquals(
                5L,
                describe("warm").warmThroughput().readUnitsPerSecond(),
                "a provisioned table's warm throughput is its capacity");
        db.updateTable(UpdateTableRequest.builder()
                .tableName("warm")
                .provisionedThroughput(new ProvisionedThroughput(7L, 8L))
                .build());
        db.updateTable(UpdateTableRequest.builder()
                .tableName("warm")
                .provisionedThroughput(new ProvisionedThroughput(2L, 2L))
                .build());
        assertEquals(7L, describe("warm").warmThroughput().readUnitsPerSecond());
        assertEquals(8L, describe("warm").warmThroughput().writeUnitsPerSecond());
        assertError(
                ValidationException.class,
                INVALID + "Requested ReadUnitsPerSecond for WarmThroughput for table is lower than current"
                        + " WarmThroughput, decreasing WarmThroughput is not supported",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("warm")
                        .warmThroughput(new WarmThroughput(6L, null))
                        .build()));
        TableDescription answer = db.updateTable(UpdateTableRequest.builder()
                        .tableName("warm")
                        .warmThroughput(new WarmThroughput(50L, null))
                        .build())
                .tableDescription();
        assertEquals("ACTIVE", answer.tableStatus(), "warm throughput changes with the table ACTIVE");
        assertEquals("UPDATING", answer.warmThroughput().status());
        assertEquals(50L, describe("warm").warmThroughput().readUnitsPerSecond());
        assertEquals(8L, describe("warm").warmThroughput().writeUnitsPerSecond());
        assertError(
                ValidationException.class,
                INVALID + "Requested ReadUnitsPerSecond for WarmThroughput for table is lower than initial"
                        + " throughput for OnDemand. See: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html"
                        + "#on-demand-capacity-mode-initial",
                () -> db.createTable(onDemand("warm2").toBuilder()
                        .warmThroughput(new WarmThroughput(1L, 1L))
                        .build()));
        assertError(
                ValidationException.class,
                INVALID + "Requested ReadUnitsPerSecond for WarmThroughput for table is lower than"
                        + " ReadCapacityUnits of ProvisionedThroughput",
                () -> db.createTable(table("warm2", "pk", "S", null, null).toBuilder()
                        .warmThroughput(new WarmThroughput(1L, null))
                        .build()));
        TableDescription created = db.createTable(onDemand("warm3").toBuilder()
                        .warmThroughput(new WarmThroughput(13000L, null))
                        .build())
                .tableDescription();
        assertEquals(13000L, created.warmThroughput().readUnitsPerSecond(), "asked for, it is in CreateTable's answer");
        assertEquals(4000L, describe("warm3").warmThroughput().writeUnitsPerSecond());
        assertError(
                ValidationException.class,
                INVALID + "WarmThroughput must be the only operation in the request",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("warm")
                        .warmThroughput(new WarmThroughput(60L, null))
                        .provisionedThroughput(new ProvisionedThroughput(9L, 9L))
                        .build()));
    }

    @Test
    void globalIndexesHaveTheirOwnMaximumsAndWarmThroughput() {
        db.createTable(onDemand("odi").toBuilder()
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S"), new AttributeDefinition("g", "S")))
                .globalSecondaryIndexes(List.of(new GlobalSecondaryIndex(
                        "byG",
                        List.of(new KeySchemaElement("g", "HASH")),
                        new Projection("ALL", null),
                        null,
                        new OnDemandThroughput(null, 30L),
                        null)))
                .build());
        var byG = describe("odi").globalSecondaryIndexes().get(0);
        assertEquals(new OnDemandThroughput(null, 30L), byG.onDemandThroughput());
        assertEquals(12000L, byG.warmThroughput().readUnitsPerSecond());
        assertEquals("ACTIVE", byG.warmThroughput().status());
    }

    // ------------------------------------------------------------------ table options

    @Test
    void deletionProtectionRefusesDeleteTable() {
        TableDescription created = db.createTable(table("kept", "pk", "S", null, null).toBuilder()
                        .deletionProtectionEnabled(true)
                        .build())
                .tableDescription();
        assertEquals(Boolean.TRUE, created.deletionProtectionEnabled());
        assertError(
                ValidationException.class,
                "Resource cannot be deleted as it is currently protected against deletion. Disable deletion"
                        + " protection first.",
                () -> db.deleteTable(new DeleteTableRequest("kept")));
        assertError(
                ValidationException.class,
                INVALID + "DeletionProtection modification must be the only operation in the request",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("kept")
                        .deletionProtectionEnabled(false)
                        .provisionedThroughput(new ProvisionedThroughput(6L, 6L))
                        .build()));
        TableDescription answer = db.updateTable(UpdateTableRequest.builder()
                        .tableName("kept")
                        .deletionProtectionEnabled(false)
                        .build())
                .tableDescription();
        assertEquals("ACTIVE", answer.tableStatus(), "deletion protection changes at once");
        assertEquals(Boolean.FALSE, answer.deletionProtectionEnabled());
        db.deleteTable(new DeleteTableRequest("kept"));
        db.createTable(table("plain", "pk", "S", null, null));
        assertEquals(Boolean.FALSE, describe("plain").deletionProtectionEnabled(), "always described");
    }

    @Test
    void tableClassesAreDescribedAndChangeAtMostTwiceIn30Days() {
        db.createTable(table("classy", "pk", "S", null, null).toBuilder()
                .tableClass("STANDARD_INFREQUENT_ACCESS")
                .build());
        assertEquals(
                "STANDARD_INFREQUENT_ACCESS",
                describe("classy").tableClassSummary().tableClass());
        TableDescription answer = db.updateTable(UpdateTableRequest.builder()
                        .tableName("classy")
                        .tableClass("STANDARD")
                        .build())
                .tableDescription();
        assertEquals("UPDATING", answer.tableStatus());
        assertEquals(
                "STANDARD_INFREQUENT_ACCESS",
                answer.tableClassSummary().tableClass(),
                "the answer shows the class before");
        assertEquals("STANDARD", describe("classy").tableClassSummary().tableClass());
        assertNotNull(describe("classy").tableClassSummary().lastUpdateDateTime());
        db.updateTable(UpdateTableRequest.builder()
                .tableName("classy")
                .tableClass("STANDARD_INFREQUENT_ACCESS")
                .build());
        assertError(
                LimitExceededException.class,
                "Updates to TableClass are limited to 2 times in 30 day(s).",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("classy")
                        .tableClass("STANDARD")
                        .build()));
        assertError(
                ValidationException.class,
                "Invalid table-class parameter provided. Please try again with a valid table-class value:"
                        + " [STANDARD, STANDARD_INFREQUENT_ACCESS].",
                () -> db.createTable(table("classless", "pk", "S", null, null).toBuilder()
                        .tableClass("GLACIER")
                        .build()));
        db.createTable(table("unset", "pk", "S", null, null));
        assertNull(describe("unset").tableClassSummary(), "a class never set is not described");
        db.updateTable(UpdateTableRequest.builder()
                .tableName("unset")
                .tableClass("STANDARD")
                .build());
        assertNull(describe("unset").tableClassSummary(), "STANDARD on a table never set is no change");
        assertError(
                ValidationException.class,
                INVALID + "TableClass modification must be the only operation in the request",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("unset")
                        .tableClass("STANDARD")
                        .deletionProtectionEnabled(true)
                        .build()));
    }

    @Test
    void encryptionAtRestIsAcceptedAndDescribed() {
        db.createTable(table("plain", "pk", "S", null, null));
        assertNull(describe("plain").sseDescription(), "the default, an AWS owned key, is not described");
        db.createTable(table("kms", "pk", "S", null, null).toBuilder()
                .sseSpecification(new SseSpecification(true, null, null))
                .build());
        var sse = describe("kms").sseDescription();
        assertEquals("ENABLED", sse.status());
        assertEquals("KMS", sse.sseType());
        String arn = arn("kms");
        assertTrue(
                sse.kmsMasterKeyArn()
                        .startsWith("arn:aws:kms:" + arn.split(":")[3] + ":" + arn.split(":")[4] + ":key/"),
                sse.kmsMasterKeyArn());
        String key = "arn:aws:kms:" + arn.split(":")[3] + ":" + arn.split(":")[4]
                + ":key/11111111-2222-3333-4444-555555555555";
        TableDescription answer = db.updateTable(UpdateTableRequest.builder()
                        .tableName("kms")
                        .sseSpecification(new SseSpecification(true, "KMS", key))
                        .build())
                .tableDescription();
        assertEquals("ACTIVE", answer.tableStatus());
        assertEquals("UPDATING", answer.sseDescription().status());
        assertEquals(
                sse.kmsMasterKeyArn(), answer.sseDescription().kmsMasterKeyArn(), "the answer shows the key before");
        assertEquals(key, describe("kms").sseDescription().kmsMasterKeyArn());
        assertError(
                ValidationException.class,
                INVALID + "Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId parameter"
                        + " if you want to change Master Key",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("kms")
                        .sseSpecification(new SseSpecification(true, "KMS", key))
                        .build()));
        db.updateTable(UpdateTableRequest.builder()
                .tableName("kms")
                .sseSpecification(new SseSpecification(false, null, null))
                .build());
        assertNull(describe("kms").sseDescription(), "back to the default");
        assertError(
                ValidationException.class,
                INVALID + "Table is already encrypted by default",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("kms")
                        .sseSpecification(new SseSpecification(false, null, null))
                        .build()));
        assertError(
                ValidationException.class,
                INVALID + "SSEType can not be specified if Enabled is false",
                () -> db.createTable(table("bad", "pk", "S", null, null).toBuilder()
                        .sseSpecification(new SseSpecification(false, "KMS", null))
                        .build()));
        assertError(
                ValidationException.class,
                INVALID + "SSEType AES256 is not supported",
                () -> db.createTable(table("bad", "pk", "S", null, null).toBuilder()
                        .sseSpecification(new SseSpecification(true, "AES256", null))
                        .build()));
        assertError(
                ValidationException.class,
                INVALID + "SSEType KMS is required if KMSMasterKeyId is specified",
                () -> db.createTable(table("bad", "pk", "S", null, null).toBuilder()
                        .sseSpecification(new SseSpecification(true, null, key))
                        .build()));
        assertError(
                ValidationException.class,
                INVALID + "Server-Side Encryption modification must be the only operation in the request",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("kms")
                        .sseSpecification(new SseSpecification(true, null, null))
                        .deletionProtectionEnabled(true)
                        .build()));
    }

    @Test
    void updateTableNeedsAChange() {
        db.createTable(table("idle", "pk", "S", null, null));
        assertError(
                ValidationException.class,
                "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled,"
                        + " GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn,"
                        + " MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required",
                () -> db.updateTable(
                        UpdateTableRequest.builder().tableName("idle").build()));
    }

    // ------------------------------------------------------------------ continuous backups, limits, endpoints

    @Test
    void pointInTimeRecoveryIsSwitchedAndDescribed() {
        db.createTable(table("pitr", "pk", "S", null, null));
        ContinuousBackupsDescription off = db.describeContinuousBackups(new DescribeContinuousBackupsRequest("pitr"))
                .continuousBackupsDescription();
        assertEquals("ENABLED", off.continuousBackupsStatus());
        assertEquals(
                new PointInTimeRecoveryDescription("DISABLED", null, null, null), off.pointInTimeRecoveryDescription());
        ContinuousBackupsDescription on = db.updateContinuousBackups(new UpdateContinuousBackupsRequest(
                        arn("pitr"), new PointInTimeRecoverySpecification(true, null)))
                .continuousBackupsDescription();
        PointInTimeRecoveryDescription pitr = on.pointInTimeRecoveryDescription();
        assertEquals("ENABLED", pitr.pointInTimeRecoveryStatus());
        assertEquals(35, pitr.recoveryPeriodInDays());
        assertNotNull(pitr.earliestRestorableDateTime());
        assertFalse(pitr.latestRestorableDateTime().isBefore(pitr.earliestRestorableDateTime()));
        db.updateContinuousBackups(
                new UpdateContinuousBackupsRequest("pitr", new PointInTimeRecoverySpecification(true, 7)));
        assertEquals(
                7,
                db.describeContinuousBackups(new DescribeContinuousBackupsRequest("pitr"))
                        .continuousBackupsDescription()
                        .pointInTimeRecoveryDescription()
                        .recoveryPeriodInDays());
        assertError(
                ValidationException.class,
                "Invalid Request: Cannot specify RecoveryPeriodInDays when disabling point-in-time recovery.",
                () -> db.updateContinuousBackups(
                        new UpdateContinuousBackupsRequest("pitr", new PointInTimeRecoverySpecification(false, 7))));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value '36' at 'pointInTimeRecoverySpecification"
                        + ".recoveryPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 35",
                () -> db.updateContinuousBackups(
                        new UpdateContinuousBackupsRequest("pitr", new PointInTimeRecoverySpecification(true, 36))));
        db.updateContinuousBackups(
                new UpdateContinuousBackupsRequest("pitr", new PointInTimeRecoverySpecification(false, null)));
        assertEquals(
                "DISABLED",
                db.describeContinuousBackups(new DescribeContinuousBackupsRequest("pitr"))
                        .continuousBackupsDescription()
                        .pointInTimeRecoveryDescription()
                        .pointInTimeRecoveryStatus());
        assertError(
                TableNotFoundException.class,
                "Table not found: nope",
                () -> db.describeContinuousBackups(new DescribeContinuousBackupsRequest("nope")));
        assertError(
                TableNotFoundException.class,
                "Table not found: nope",
                () -> db.updateContinuousBackups(
                        new UpdateContinuousBackupsRequest("nope", new PointInTimeRecoverySpecification(true, null))));
    }

    @Test
    void limitsAndEndpointsAreDynamoDbsDefaults() {
        DescribeLimitsResponse limits = db.describeLimits(new DescribeLimitsRequest());
        assertEquals(new DescribeLimitsResponse(80_000L, 80_000L, 40_000L, 40_000L), limits);
        DescribeEndpointsResponse endpoints = db.describeEndpoints(new DescribeEndpointsRequest());
        assertEquals(1, endpoints.endpoints().size());
        assertEquals(1440L, endpoints.endpoints().get(0).cachePeriodInMinutes());
        assertFalse(endpoints.endpoints().get(0).address().isBlank());
    }

    // ------------------------------------------------------------------ consumed capacity

    private double capacity(ConsumedCapacity c) {
        return c.capacityUnits();
    }

    @Test
    void consumedCapacityIsComputedAsDynamoDbComputesIt() {
        db.createTable(table("cap", "pk", "S", "sk", "N").toBuilder()
                .provisionedThroughput(AMPLE)
                .build());
        String kb = "x".repeat(1024);
        // 5 KB: 2 read units strongly consistent, 1 eventually, 5 write units (after the key and names, just over 5 KB:
        // 6)
        Map<String, AttributeValue> five = item("pk", "a", "sk", 1, "v", kb.repeat(5));
        assertEquals(
                6.0,
                capacity(db.putItem(PutItemRequest.builder()
                                .tableName("cap")
                                .item(five)
                                .returnConsumedCapacity("TOTAL")
                                .build())
                        .consumedCapacity()),
                "writes round up to 1 KB");
        assertEquals(
                2.0,
                capacity(db.getItem(GetItemRequest.builder()
                                .tableName("cap")
                                .key(item("pk", "a", "sk", 1))
                                .consistentRead(true)
                                .returnConsumedCapacity("TOTAL")
                                .build())
                        .consumedCapacity()),
                "strong reads round up to 4 KB");
        assertEquals(
                1.0,
                capacity(db.getItem(GetItemRequest.builder()
                                .tableName("cap")
                                .key(item("pk", "a", "sk", 1))
                                .returnConsumedCapacity("TOTAL")
                                .build())
                        .consumedCapacity()),
                "eventually consistent reads cost half");
        assertEquals(
                0.5,
                capacity(db.getItem(GetItemRequest.builder()
                                .tableName("cap")
                                .key(item("pk", "none", "sk", 1))
                                .returnConsumedCapacity("TOTAL")
                                .build())
                        .consumedCapacity()),
                "a missing item still costs the minimum");
        for (int i = 2; i <= 4; i++) {
            db.putItem(PutItemRequest.builder()
                    .tableName("cap")
                    .item(item("pk", "q", "sk", i, "v", "y".repeat(1500)))
                    .build());
        }
        // three items of about 1.5 KB: a Query sums them (4.5 KB) and rounds once
        ConsumedCapacity query = db.query(QueryRequest.builder()
                        .tableName("cap")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(item(":p", "q"))
                        .consistentRead(true)
                        .returnConsumedCapacity("TOTAL")
                        .build())
                .consumedCapacity();
        assertEquals(2.0, capacity(query), "a Query rounds the sum of the items read");
        assertEquals(2.0, query.readCapacityUnits());
        assertNull(query.writeCapacityUnits());
        ConsumedCapacity tx = db.transactGetItems(TransactGetItemsRequest.builder()
                        .transactItems(List.of(
                                new TransactGetItem(Get.builder()
                                        .tableName("cap")
                                        .key(item("pk", "q", "sk", 2))
                                        .build()),
                                new TransactGetItem(Get.builder()
                                        .tableName("cap")
                                        .key(item("pk", "q", "sk", 3))
                                        .build())))
                        .returnConsumedCapacity("TOTAL")
                        .build())
                .consumedCapacity()
                .get(0);
        assertEquals(4.0, capacity(tx), "a transaction costs twice: each item a strong read, doubled");
        ConsumedCapacity write = db.transactWriteItems(TransactWriteItemsRequest.builder()
                        .transactItems(List.of(
                                TransactWriteItem.builder()
                                        .conditionCheck(ConditionCheck.builder()
                                                .tableName("cap")
                                                .key(item("pk", "q", "sk", 2))
                                                .conditionExpression("attribute_exists(pk)")
                                                .build())
                                        .build(),
                                TransactWriteItem.builder()
                                        .put(Put.builder()
                                                .tableName("cap")
                                                .item(item("pk", "w", "sk", 1))
                                                .build())
                                        .build()))
                        .returnConsumedCapacity("TOTAL")
                        .build())
                .consumedCapacity()
                .get(0);
        assertEquals(4.0, capacity(write));
        assertEquals(2.0, write.readCapacityUnits(), "a condition check is a (transactional) read");
        assertEquals(2.0, write.writeCapacityUnits());
    }
}
