package floe.tck.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import floe.api.Stability;
import floe.api.error.ResourceInUseException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.ListTablesRequest;
import floe.api.model.ListTablesResponse;
import floe.api.model.ProvisionedThroughput;
import floe.api.model.StreamSpecification;
import floe.api.model.TableDescription;
import floe.api.model.UpdateTableRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables: CreateTable, DescribeTable, ListTables, DeleteTable and UpdateTable (throughput, billing mode). */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class TableBehaviourTck extends FloeDbTck {

    @Test
    void createDescribeAndDeleteATable() {
        TableDescription created =
                db.createTable(table("Music", "Artist", "S", "SongTitle", "S")).tableDescription();
        assertEquals("Music", created.tableName());
        assertEquals("CREATING", created.tableStatus(), "DynamoDB answers CreateTable before the table is ready");
        assertEquals(
                "ACTIVE",
                db.describeTable(new DescribeTableRequest("Music")).table().tableStatus(),
                "with no delay, at once");
        assertTrue(created.tableArn().matches("arn:aws:dynamodb:[a-z0-9-]+:\\d{12}:table/Music"), created.tableArn());
        assertNotNull(created.tableId());
        assertNotNull(created.creationDateTime());
        assertEquals(
                List.of(new KeySchemaElement("Artist", "HASH"), new KeySchemaElement("SongTitle", "RANGE")),
                created.keySchema());
        assertEquals(0L, created.itemCount());
        assertEquals(0L, created.tableSizeBytes());
        assertEquals(5L, created.provisionedThroughput().readCapacityUnits());
        assertEquals(5L, created.provisionedThroughput().writeCapacityUnits());
        assertEquals(0L, created.provisionedThroughput().numberOfDecreasesToday());

        TableDescription described =
                db.describeTable(new DescribeTableRequest("Music")).table();
        assertEquals(created.tableId(), described.tableId());
        assertEquals(
                created.tableArn(),
                db.describeTable(new DescribeTableRequest(created.tableArn()))
                        .table()
                        .tableArn(),
                "a table ARN is accepted where a name is");

        // DeleteTable describes the table being deleted as its API reference's example response does: name, status,
        // item count, size and throughput, without the creation time, key schema or attribute definitions
        TableDescription deleting =
                db.deleteTable(new DeleteTableRequest("Music")).tableDescription();
        assertEquals("DELETING", deleting.tableStatus());
        assertEquals("Music", deleting.tableName());
        assertEquals(0L, deleting.itemCount());
        assertEquals(0L, deleting.tableSizeBytes());
        assertEquals(5L, deleting.provisionedThroughput().readCapacityUnits());
        assertEquals(created.tableArn(), deleting.tableArn());
        assertNull(deleting.creationDateTime());
        assertNull(deleting.keySchema());
        assertNull(deleting.attributeDefinitions());
        assertNull(deleting.deletionProtectionEnabled());
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found: Table: Music not found",
                () -> db.describeTable(new DescribeTableRequest("Music")));
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found: Table: Music not found",
                () -> db.deleteTable(new DeleteTableRequest("Music")));
    }

    @Test
    void tableNamesAreCaseSensitiveAndUnique() {
        db.createTable(table("abc", "id", "S", null, null));
        db.createTable(table("ABC", "id", "N", null, null));
        assertError(
                ResourceInUseException.class,
                "Table already exists: abc",
                () -> db.createTable(table("abc", "id", "S", null, null)));
        assertEquals(
                "N",
                db.describeTable(new DescribeTableRequest("ABC"))
                        .table()
                        .attributeDefinitions()
                        .get(0)
                        .attributeType());
    }

    @Test
    void createTableValidatesNamesAsDynamoDbDoes() {
        assertError(
                ValidationException.class,
                "TableName must be at least 3 characters long and at most 255 characters long",
                () -> db.createTable(table("ab", "id", "S", null, null)));
        assertError(
                ValidationException.class,
                "TableName must be at least 3 characters long and at most 255 characters long",
                () -> db.createTable(table("a".repeat(256), "id", "S", null, null)));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value 'abc;' at 'tableName' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                () -> db.createTable(table("abc;", "id", "S", null, null)));
        db.createTable(table("a".repeat(255), "id", "S", null, null));
        db.createTable(table("a-b_c.9", "id", "S", null, null));
    }

    @Test
    void createTableReportsEveryConstraintViolationTogether() {
        assertError(
                ValidationException.class,
                "3 validation errors detected: "
                        + "Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null; "
                        + "Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                        + "Value null at 'keySchema' failed to satisfy constraint: Member must not be null",
                () -> db.createTable(
                        CreateTableRequest.builder().tableName("abc;").build()));
        assertError(
                ValidationException.class,
                "3 validation errors detected: "
                        + "Value '-1' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; "
                        + "Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; "
                        + "Value '[]' at 'keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1",
                () -> db.createTable(CreateTableRequest.builder()
                        .tableName("abc")
                        .attributeDefinitions(List.of())
                        .keySchema(List.of())
                        .provisionedThroughput(new ProvisionedThroughput(0L, -1L))
                        .build()));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value 'SS' at "
                        + "'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]",
                () -> db.createTable(CreateTableRequest.builder()
                        .tableName("abc")
                        .attributeDefinitions(List.of(new AttributeDefinition("a", "SS")))
                        .keySchema(List.of(new KeySchemaElement("a", "HASH")))
                        .provisionedThroughput(new ProvisionedThroughput(1L, 1L))
                        .build()));
    }

    @Test
    void createTableChecksTheKeySchemaAgainstTheDefinitions() {
        ProvisionedThroughput pt = new ProvisionedThroughput(1L, 1L);
        assertError(
                ValidationException.class,
                "One or more parameter values were invalid: Some index key attributes are not"
                        + " defined in AttributeDefinitions. Keys: [a], AttributeDefinitions: [b]",
                () -> db.createTable(CreateTableRequest.builder()
                        .tableName("abc")
                        .provisionedThroughput(pt)
                        .attributeDefinitions(List.of(new AttributeDefinition("b", "S")))
                        .keySchema(List.of(new KeySchemaElement("a", "HASH")))
                        .build()));
        assertError(
                ValidationException.class,
                "Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
                () -> db.createTable(CreateTableRequest.builder()
                        .tableName("abc")
                        .provisionedThroughput(pt)
                        .attributeDefinitions(
                                List.of(new AttributeDefinition("a", "S"), new AttributeDefinition("b", "S")))
                        .keySchema(List.of(new KeySchemaElement("a", "RANGE"), new KeySchemaElement("b", "HASH")))
                        .build()));
        assertError(
                ValidationException.class,
                "Both the Hash Key and the Range Key element in the KeySchema have the same name",
                () -> db.createTable(CreateTableRequest.builder()
                        .tableName("abc")
                        .provisionedThroughput(pt)
                        .attributeDefinitions(
                                List.of(new AttributeDefinition("a", "S"), new AttributeDefinition("b", "S")))
                        .keySchema(List.of(new KeySchemaElement("a", "HASH"), new KeySchemaElement("a", "RANGE")))
                        .build()));
        assertError(
                ValidationException.class,
                "One or more parameter values were invalid: Number of attributes in KeySchema"
                        + " does not exactly match number of attributes defined in AttributeDefinitions",
                () -> db.createTable(CreateTableRequest.builder()
                        .tableName("abc")
                        .provisionedThroughput(pt)
                        .attributeDefinitions(
                                List.of(new AttributeDefinition("a", "S"), new AttributeDefinition("b", "S")))
                        .keySchema(List.of(new KeySchemaElement("a", "HASH")))
                        .build()));
        assertError(
                ValidationException.class,
                "One or more parameter values were invalid: Missing required parameter in input: \"ProvisionedThroughput\"",
                () -> db.createTable(CreateTableRequest.builder()
                        .tableName("abc")
                        .attributeDefinitions(List.of(new AttributeDefinition("a", "S")))
                        .keySchema(List.of(new KeySchemaElement("a", "HASH")))
                        .build()));
        assertError(
                ValidationException.class,
                "One or more parameter values were invalid: Neither ReadCapacityUnits nor"
                        + " WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST",
                () -> db.createTable(table("abc", "a", "S", null, null).toBuilder()
                        .billingMode("PAY_PER_REQUEST")
                        .build()));
        assertTrue(
                db.listTables(ListTablesRequest.builder().build()).tableNames().isEmpty(),
                "no failed request created a table");
    }

    @Test
    void onDemandTablesReportTheirBillingMode() {
        TableDescription d = db.createTable(table("ondemand", "a", "S", null, null).toBuilder()
                        .provisionedThroughput(null)
                        .billingMode("PAY_PER_REQUEST")
                        .build())
                .tableDescription();
        assertEquals("PAY_PER_REQUEST", d.billingModeSummary().billingMode());
        assertEquals(0L, d.provisionedThroughput().readCapacityUnits());
    }

    @Test
    void listTablesPagesInNameOrder() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            names.add("table" + i);
            db.createTable(table("table" + i, "id", "S", null, null));
        }
        List<String> seen = new ArrayList<>();
        String start = null;
        int pages = 0;
        do {
            ListTablesResponse page = db.listTables(new ListTablesRequest(start, 3));
            assertTrue(page.tableNames().size() <= 3);
            seen.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
            pages++;
        } while (start != null);
        assertEquals(names, seen);
        assertEquals(3, pages);
        ListTablesResponse all = db.listTables(new ListTablesRequest(null, null));
        assertEquals(names, all.tableNames());
        assertNull(all.lastEvaluatedTableName());
        assertError(
                ValidationException.class,
                "1 validation error detected: Value '101' at 'limit' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 100",
                () -> db.listTables(new ListTablesRequest(null, 101)));
    }

    @Test
    void updateTableChangesThroughputAndBillingMode() {
        db.createTable(table("upd", "id", "S", null, null));
        TableDescription answer = db.updateTable(UpdateTableRequest.builder()
                        .tableName("upd")
                        .provisionedThroughput(new ProvisionedThroughput(10L, 3L))
                        .build())
                .tableDescription();
        assertEquals("UPDATING", answer.tableStatus());
        assertEquals(
                5L,
                answer.provisionedThroughput().readCapacityUnits(),
                "the answer shows the throughput the change starts from");
        assertEquals(0L, answer.provisionedThroughput().numberOfDecreasesToday());
        assertNotNull(answer.provisionedThroughput().lastDecreaseDateTime(), "but the new change dates");
        TableDescription up = db.describeTable(new DescribeTableRequest("upd")).table();
        assertEquals("ACTIVE", up.tableStatus());
        assertEquals(10L, up.provisionedThroughput().readCapacityUnits());
        assertEquals(3L, up.provisionedThroughput().writeCapacityUnits());
        assertNotNull(up.provisionedThroughput().lastIncreaseDateTime());
        assertNotNull(up.provisionedThroughput().lastDecreaseDateTime());
        assertEquals(1L, up.provisionedThroughput().numberOfDecreasesToday());
        assertError(
                ValidationException.class,
                "The provisioned throughput for the table will not change. The requested value"
                        + " equals the current value. Current ReadCapacityUnits provisioned for the table: 10. Requested ReadCapacityUnits: 10."
                        + " Current WriteCapacityUnits provisioned for the table: 3. Requested WriteCapacityUnits: 3. Refer to the Amazon"
                        + " DynamoDB Developer Guide for current limits and how to request higher limits.",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("upd")
                        .provisionedThroughput(new ProvisionedThroughput(10L, 3L))
                        .build()));
        TableDescription switched = db.updateTable(UpdateTableRequest.builder()
                        .tableName("upd")
                        .billingMode("PAY_PER_REQUEST")
                        .build())
                .tableDescription();
        assertEquals("PAY_PER_REQUEST", switched.billingModeSummary().billingMode());
        assertNull(switched.billingModeSummary().lastUpdateToPayPerRequestDateTime(), "the answer has no date yet");
        TableDescription od = db.describeTable(new DescribeTableRequest("upd")).table();
        assertEquals("PAY_PER_REQUEST", od.billingModeSummary().billingMode());
        assertNotNull(od.billingModeSummary().lastUpdateToPayPerRequestDateTime());
        assertError(
                ValidationException.class,
                "One or more parameter values were invalid: ProvisionedThroughput must be"
                        + " specified when BillingMode is PROVISIONED",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("upd")
                        .billingMode("PROVISIONED")
                        .build()));
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found: Table: nope not found",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("nope")
                        .provisionedThroughput(new ProvisionedThroughput(1L, 1L))
                        .build()));
    }

    @Test
    void aValidationErrorWinsOverAMissingTable() {
        assertError(
                ValidationException.class,
                "1 validation error detected: Value 'no;pe' at 'tableName' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                () -> db.describeTable(new DescribeTableRequest("no;pe")));
        // every declared constraint in one message, the table name's with the rest, before the table is looked up
        assertError(
                ValidationException.class,
                "2 validation errors detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must"
                        + " have length greater than or equal to 3; Value 'FREE' at 'billingMode' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("ab")
                        .billingMode("FREE")
                        .build()));
        assertError(
                ValidationException.class,
                "2 validation errors detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must"
                        + " have length greater than or equal to 3; Value 'ALL' at 'streamSpecification.streamViewType'"
                        + " failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("ab")
                        .streamSpecification(new StreamSpecification(true, "ALL"))
                        .build()));
        assertError(
                ValidationException.class,
                "2 validation errors detected: Value 'FREE' at 'billingMode' failed to satisfy constraint: Member"
                        + " must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]; Value 'ALL' at"
                        + " 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy"
                        + " enum value set: [OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]",
                () -> db.createTable(table("streamed", "pk", "S", null, null).toBuilder()
                        .billingMode("FREE")
                        .streamSpecification(new StreamSpecification(true, "ALL"))
                        .build()));
    }

    @Test
    void tablesSurviveReopen() {
        assumeTrue(persistent(), "the database does not persist");
        db.createTable(table("kept", "id", "S", "sk", "N"));
        String id = db.describeTable(new DescribeTableRequest("kept")).table().tableId();
        db.createTable(table("dropped", "id", "S", null, null));
        db.deleteTable(new DeleteTableRequest("dropped"));
        reopen();
        TableDescription d = db.describeTable(new DescribeTableRequest("kept")).table();
        assertEquals(id, d.tableId());
        assertEquals("N", d.attributeDefinitions().get(1).attributeType());
        assertFalse(
                db.listTables(new ListTablesRequest(null, null)).tableNames().contains("dropped"));
    }
}
