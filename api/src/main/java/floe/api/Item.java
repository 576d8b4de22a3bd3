package floe.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable item: attribute names mapped to values, in insertion order.
 * {@link #size()} is DynamoDB's item size (UTF-8 name bytes plus value sizes),
 * on which the 400 KB limit, capacity units and 1 MB pages depend.
 */
@Stability(Stability.Level.STABLE)
public final class Item {
    /** DynamoDB's largest item: 400 KB. */
    public static final int MAX_SIZE = 400 * 1024;

    private static final Item EMPTY = new Item(Map.of());

    private final Map<String, AttributeValue> attributes;
    private long size = -1;

    private Item(Map<String, AttributeValue> attributes) {
        this.attributes = attributes;
    }

    /** An item with a copy of {@code attributes}. */
    public static Item of(Map<String, AttributeValue> attributes) {
        if (attributes.isEmpty()) {
            return EMPTY;
        }
        return new Item(AttributeSizes.copyOrdered(attributes));
    }

    /** The item without attributes. */
    public static Item empty() {
        return EMPTY;
    }

    /** A builder for an item. */
    public static Builder builder() {
        return new Builder();
    }

    /** The value of {@code name}, or null. */
    public AttributeValue get(String name) {
        return attributes.get(name);
    }

    /** Whether the item has {@code name}. */
    public boolean has(String name) {
        return attributes.containsKey(name);
    }

    /** The attributes, unmodifiable, in insertion order. */
    public Map<String, AttributeValue> attributes() {
        return attributes;
    }

    /** The attribute names. */
    public Set<String> names() {
        return attributes.keySet();
    }

    /** Whether the item has no attributes. */
    public boolean isEmpty() {
        return attributes.isEmpty();
    }

    /** DynamoDB's item size in bytes: UTF-8 name bytes plus value sizes. */
    public long size() {
        long s = size;
        if (s < 0) {
            s = 0;
            for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
                s += AttributeSizes.utf8Length(e.getKey()) + e.getValue().size();
            }
            size = s;
        }
        return s;
    }

    /** A builder seeded with this item's attributes. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.attributes.putAll(attributes);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Item other && attributes.equals(other.attributes);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    @Override
    public String toString() {
        return "Item" + attributes;
    }

    /** Builds an {@link Item}; later puts of a name replace earlier ones. */
    @Stability(Stability.Level.STABLE)
    public static final class Builder {
        private final LinkedHashMap<String, AttributeValue> attributes = new LinkedHashMap<>();

        private Builder() {}

        /** Sets {@code name} to {@code value}. */
        public Builder put(String name, AttributeValue value) {
            attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets {@code name} to a string. */
        public Builder put(String name, String value) {
            return put(name, new AttributeValue.S(value));
        }

        /** Sets {@code name} to a number. */
        public Builder put(String name, long value) {
            return put(name, AttributeValue.n(value));
        }

        /** Removes {@code name}. */
        public Builder remove(String name) {
            attributes.remove(name);
            return this;
        }

        /** The item. */
        public Item build() {
            return attributes.isEmpty()
                    ? EMPTY
                    : new Item(Collections.unmodifiableMap(new LinkedHashMap<>(attributes)));
        }
    }
}
