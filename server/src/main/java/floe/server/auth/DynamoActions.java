package floe.server.auth;

import java.util.Map;

/**
 * Every operation the server dispatches, by its {@code X-Amz-Target}, with the IAM action
 * it is authorized as and the resources that action is asked on, as DynamoDB's service
 * authorization reference lists them. {@link RequestAuthorizer} asks the questions; an
 * operation of a batch or transaction asks the item actions of its parts instead
 * (TransactWriteItems: PutItem, UpdateItem, DeleteItem, ConditionCheckItem; TransactGetItems:
 * GetItem; the PartiQL operations: PartiQLSelect, PartiQLInsert, PartiQLUpdate, PartiQLDelete).
 */
public final class DynamoActions {
    private DynamoActions() {}

    /**
     * How one operation is authorized.
     *
     * @param action the IAM action, or, for operations whose parts are asked about, a description
     * @param resources the resource types it is asked on
     */
    public record Rule(String action, String resources) {}

    private static final String D = "DynamoDB_20120810.";
    private static final String S = "DynamoDBStreams_20120810.";
    private static final String A = "FloeAdmin_20261121.";

    private static final String TABLE = "table";
    private static final String TABLE_OR_INDEX = "table or index";
    private static final String ANY = "*";

    /** The rules, by target. */
    public static final Map<String, Rule> RULES = Map.ofEntries(
            rule(D + "CreateTable", "dynamodb:CreateTable", TABLE),
            rule(D + "DescribeTable", "dynamodb:DescribeTable", TABLE),
            rule(D + "ListTables", "dynamodb:ListTables", ANY),
            rule(D + "DeleteTable", "dynamodb:DeleteTable", TABLE),
            rule(D + "UpdateTable", "dynamodb:UpdateTable", TABLE),
            rule(D + "UpdateTimeToLive", "dynamodb:UpdateTimeToLive", TABLE),
            rule(D + "DescribeTimeToLive", "dynamodb:DescribeTimeToLive", TABLE),
            rule(D + "PutItem", "dynamodb:PutItem", TABLE),
            rule(D + "GetItem", "dynamodb:GetItem", TABLE),
            rule(D + "UpdateItem", "dynamodb:UpdateItem", TABLE),
            rule(D + "DeleteItem", "dynamodb:DeleteItem", TABLE),
            rule(D + "Query", "dynamodb:Query", TABLE_OR_INDEX),
            rule(D + "Scan", "dynamodb:Scan", TABLE_OR_INDEX),
            rule(D + "BatchGetItem", "dynamodb:BatchGetItem", "each table"),
            rule(D + "BatchWriteItem", "dynamodb:BatchWriteItem", "each table"),
            rule(D + "TransactWriteItems", "each item's PutItem, UpdateItem, DeleteItem or ConditionCheckItem", TABLE),
            rule(D + "TransactGetItems", "each item's GetItem", TABLE),
            rule(
                    D + "ExecuteStatement",
                    "the statement's PartiQLSelect, PartiQLInsert, PartiQLUpdate or PartiQLDelete",
                    TABLE_OR_INDEX),
            rule(D + "BatchExecuteStatement", "each statement's PartiQL action", TABLE_OR_INDEX),
            rule(D + "ExecuteTransaction", "each statement's PartiQL action", TABLE_OR_INDEX),
            rule(D + "TagResource", "dynamodb:TagResource", "table or stream"),
            rule(D + "UntagResource", "dynamodb:UntagResource", "table or stream"),
            rule(D + "ListTagsOfResource", "dynamodb:ListTagsOfResource", "table or stream"),
            rule(D + "DescribeContinuousBackups", "dynamodb:DescribeContinuousBackups", TABLE),
            rule(D + "UpdateContinuousBackups", "dynamodb:UpdateContinuousBackups", TABLE),
            rule(D + "DescribeLimits", "dynamodb:DescribeLimits", ANY),
            rule(D + "DescribeEndpoints", "dynamodb:DescribeEndpoints", ANY),
            rule(D + "PutResourcePolicy", "dynamodb:PutResourcePolicy", "table or stream"),
            rule(D + "GetResourcePolicy", "dynamodb:GetResourcePolicy", "table or stream"),
            rule(D + "DeleteResourcePolicy", "dynamodb:DeleteResourcePolicy", "table or stream"),
            rule(D + "CreateBackup", "dynamodb:CreateBackup", TABLE),
            rule(D + "DescribeBackup", "dynamodb:DescribeBackup", "backup"),
            rule(D + "ListBackups", "dynamodb:ListBackups", ANY),
            rule(D + "DeleteBackup", "dynamodb:DeleteBackup", "backup"),
            rule(
                    D + "RestoreTableFromBackup",
                    "dynamodb:RestoreTableFromBackup",
                    "backup, target table (and its item actions)"),
            rule(
                    D + "RestoreTableToPointInTime",
                    "dynamodb:RestoreTableToPointInTime",
                    "source table, target table (and its item actions)"),
            // exports and imports: as the service authorization reference names them; an import
            // is asked on the table it creates (a guess: the reference lists the table and the import)
            rule(D + "ExportTableToPointInTime", "dynamodb:ExportTableToPointInTime", TABLE),
            rule(D + "DescribeExport", "dynamodb:DescribeExport", "export"),
            rule(D + "ListExports", "dynamodb:ListExports", ANY),
            rule(D + "ImportTable", "dynamodb:ImportTable", TABLE),
            rule(D + "DescribeImport", "dynamodb:DescribeImport", "import"),
            rule(D + "ListImports", "dynamodb:ListImports", ANY),
            // the legacy global tables: the service authorization reference's actions and resource
            rule(D + "CreateGlobalTable", "dynamodb:CreateGlobalTable", "global table"),
            rule(D + "DescribeGlobalTable", "dynamodb:DescribeGlobalTable", "global table"),
            rule(D + "ListGlobalTables", "dynamodb:ListGlobalTables", ANY),
            rule(D + "UpdateGlobalTable", "dynamodb:UpdateGlobalTable", "global table"),
            rule(D + "DescribeGlobalTableSettings", "dynamodb:DescribeGlobalTableSettings", "global table"),
            rule(D + "UpdateGlobalTableSettings", "dynamodb:UpdateGlobalTableSettings", "global table"),
            rule(S + "ListStreams", "dynamodb:ListStreams", ANY),
            rule(S + "DescribeStream", "dynamodb:DescribeStream", "stream"),
            rule(S + "GetShardIterator", "dynamodb:GetShardIterator", "stream"),
            rule(S + "GetRecords", "dynamodb:GetRecords", "stream"),
            rule(A + "SweepExpiredItems", "floe:SweepExpiredItems", ANY),
            rule(A + "ListPlugins", "floe:ListPlugins", ANY),
            rule(A + "DescribeImportProgress", "floe:DescribeImportProgress", ANY));

    private static Map.Entry<String, Rule> rule(String target, String action, String resources) {
        return Map.entry(target, new Rule(action, resources));
    }

    /**
     * The IAM action of an operation.
     *
     * @param target the operation's {@code X-Amz-Target}
     * @return its action, such as {@code dynamodb:GetItem}
     * @throws IllegalArgumentException for an operation the table lacks (a server bug: a test keeps the table whole)
     */
    public static String action(String target) {
        Rule r = RULES.get(target);
        if (r == null) {
            throw new IllegalArgumentException("no authorization rule for " + target);
        }
        return r.action();
    }
}
