package floe.engine.ttl;

import floe.api.AttributeValue;
import floe.engine.table.TableDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table's Time to Live while it is on, kept in the table's settings (none while off).
 *
 * @param attributeName the expiry attribute
 * @param status {@link #ENABLING} while the items written before it was enabled are
 *     being entered into the expiry index, then {@link #ENABLED}
 * @param generation names this enabling's entries in the expiry index, so that the
 *     entries of an earlier enabling (perhaps of another attribute) are never mistaken
 *     for its own
 */
public record TimeToLiveSettings(String attributeName, String status, String generation) {
    /** The setting's name in {@link TableDefinition#settings()}. */
    public static final String SETTING = "timeToLive";
    /** Statuses, as DescribeTimeToLive names them. */
    public static final String ENABLING = "ENABLING";
    /** Statuses, as DescribeTimeToLive names them. */
    public static final String ENABLED = "ENABLED";

    /** The table's Time to Live, or null while it is off. */
    public static TimeToLiveSettings of(TableDefinition table) {
        AttributeValue v = table.setting(SETTING);
        if (v == null) {
            return null;
        }
        Map<String, AttributeValue> m = ((AttributeValue.M) v).values();
        return new TimeToLiveSettings(str(m.get("attribute")), str(m.get("status")), str(m.get("generation")));
    }

    /** {@code table} with these settings. */
    public TableDefinition applyTo(TableDefinition table) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("attribute", AttributeValue.s(attributeName));
        m.put("status", AttributeValue.s(status));
        m.put("generation", AttributeValue.s(generation));
        return table.withSetting(SETTING, AttributeValue.m(m));
    }

    /** The same settings in another status. */
    public TimeToLiveSettings withStatus(String newStatus) {
        return new TimeToLiveSettings(attributeName, newStatus, generation);
    }

    private static String str(AttributeValue v) {
        return ((AttributeValue.S) v).value();
    }
}
