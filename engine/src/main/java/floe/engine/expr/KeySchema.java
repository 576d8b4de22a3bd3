package floe.engine.expr;

import floe.api.AttributeValue;
import floe.api.Stability;
import java.util.List;
import java.util.Objects;

/**
 * The key of a table or index as key conditions see it: the partition key
 * attributes and the sort key attributes, each with its type. A table or local index
 * has one partition attribute and at most one sort attribute; a global index up to
 * four of each (DynamoDB's multi-attribute keys).
 *
 * @param partitionKey the partition key attributes
 * @param sortKey the sort key attributes, possibly none
 */
@Stability(Stability.Level.INTERNAL)
public record KeySchema(List<KeyAttribute> partitionKey, List<KeyAttribute> sortKey) {

    /**
     * One key attribute.
     *
     * @param name the attribute name
     * @param type its type (S, N or B), or null if unknown and not to be checked
     */
    @Stability(Stability.Level.INTERNAL)
    public record KeyAttribute(String name, AttributeValue.Type type) {
        /** Rejects a null name. */
        public KeyAttribute {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The most attributes of each part of a key. */
    public static final int MAX_ATTRIBUTES = 4;

    /** Copies; requires one to four partition attributes and at most four sort attributes. */
    public KeySchema {
        partitionKey = List.copyOf(partitionKey);
        sortKey = List.copyOf(sortKey);
        if (partitionKey.isEmpty() || partitionKey.size() > MAX_ATTRIBUTES || sortKey.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException(
                    "one to four partition key attributes and at most four sort key attributes");
        }
    }

    /** Whether a part of the key has more than one attribute. */
    public boolean isMultiAttribute() {
        return partitionKey.size() > 1 || sortKey.size() > 1;
    }

    /** A partition key only. */
    public static KeySchema of(String partitionKey, AttributeValue.Type type) {
        return new KeySchema(List.of(new KeyAttribute(partitionKey, type)), List.of());
    }

    /** A partition key and a sort key. */
    public static KeySchema of(
            String partitionKey, AttributeValue.Type partitionType, String sortKey, AttributeValue.Type sortType) {
        return new KeySchema(
                List.of(new KeyAttribute(partitionKey, partitionType)), List.of(new KeyAttribute(sortKey, sortType)));
    }
}
