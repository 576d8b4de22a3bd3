package floe.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import floe.server.json.WireOperations;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The authorization table covers every operation the server dispatches, and nothing else. */
class DynamoActionsTest {
    @Test
    void everyDispatchedOperationHasItsRule() {
        assertEquals(WireOperations.targets(), new TreeSet<>(DynamoActions.RULES.keySet()));
    }

    @Test
    void actionsAreNamedAsIamNamesThem() {
        assertEquals("dynamodb:GetItem", DynamoActions.action("DynamoDB_20120810.GetItem"));
        assertEquals("dynamodb:GetRecords", DynamoActions.action("DynamoDBStreams_20120810.GetRecords"));
        assertEquals(
                "dynamodb:RestoreTableFromBackup", DynamoActions.action("DynamoDB_20120810.RestoreTableFromBackup"));
        assertEquals("floe:SweepExpiredItems", DynamoActions.action("FloeAdmin_20261121.SweepExpiredItems"));
    }
}
