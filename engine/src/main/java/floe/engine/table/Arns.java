package floe.engine.table;

import floe.api.error.AccessDeniedException;
import floe.api.error.ValidationException;
import floe.engine.validate.Constraints;

/**
 * The ARNs of tables and their indexes, and the one check of a {@code ResourceArn}
 * parameter (tags, resource-based policies) with DynamoDB's measured messages.
 *
 * @param region the region ARNs name
 * @param account the account ARNs name
 */
public record Arns(String region, String account) {
    private static final String INVALID = "One or more parameter values were invalid: ";

    /** The ARN of the table named {@code name}: {@code arn:aws:dynamodb:<region>:<account>:table/<name>}. */
    public String table(String name) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
    }

    /** The ARN of a table's index: the table's ARN, then {@code /index/} and the name. */
    public String index(String tableName, String indexName) {
        return table(tableName) + "/index/" + indexName;
    }

    /** Which API family checks an ARN: their messages differ for the same faults. */
    public enum Family {
        /** TagResource, UntagResource, ListTagsOfResource. */
        TAGS,
        /** PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy. */
        POLICIES
    }

    /**
     * A {@code ResourceArn} that names a table of this region and account, or a stream of one.
     *
     * @param arn the ARN as given
     * @param tableName the table it names
     * @param streamLabel the stream label after {@code /stream/}, or null for the table itself
     */
    public record Resource(String arn, String tableName, String streamLabel) {}

    /**
     * Checks a {@code ResourceArn} parameter (its declared constraints are added to
     * {@code c}, which the caller throws), then its shape, in the order DynamoDB
     * answers: not an ARN, not DynamoDB's, not a table or stream, another region,
     * another account.
     *
     * @return the table (or stream) it names, or null when {@code c} has a violation
     */
    public Resource resource(String arn, Family family, Constraints c) {
        c.notNull(arn, "resourceArn");
        if (arn != null) {
            c.length(arn, arn.length(), 1, 1283, "resourceArn");
        }
        if (!c.isEmpty()) {
            return null;
        }
        if (!arn.startsWith("arn:")) {
            throw new ValidationException(INVALID + "ARNs must start with 'arn:': " + arn);
        }
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[2].equals("dynamodb") || !parts[5].startsWith("table/")) {
            throw new ValidationException(INVALID + "Provided Arn is not a DynamoDB resource arn: " + arn);
        }
        String[] path = parts[5].split("/", -1);
        String table = path[1];
        String stream = null;
        if (path.length == 4 && path[2].equals("stream")) {
            stream = path[3];
        } else if (path.length == 4 && path[2].equals("index")) {
            throw new ValidationException(
                    INVALID + "Invalid resource arn provided, only table or stream is accepted. Provided"
                            + " resource arn: " + arn);
        } else if (path.length != 2) {
            throw new ValidationException(INVALID + "Provided Arn is not a DynamoDB resource arn: " + arn);
        }
        if (!parts[3].equals(region) || !parts[1].startsWith("aws") || !TableNames.isValid(table)) {
            // measured for another region; the same answer is assumed for a bad partition or table name
            throw new ValidationException(
                    family == Family.TAGS
                            ? "Invalid TableArn: Invalid ResourceArn provided as input " + arn
                            : INVALID + "Invalid resource Arn: " + arn);
        }
        if (!parts[4].equals(account)) {
            throw new AccessDeniedException("Access is denied");
        }
        return new Resource(arn, table, stream);
    }
}
