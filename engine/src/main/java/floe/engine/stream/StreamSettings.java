package floe.engine.stream;

import floe.api.AttributeValue;
import floe.engine.table.TableDefinition;

/**
 * A table's stream as its definition keeps it (in {@link TableDefinition#settings()}):
 * the label of its latest stream, kept once the stream is disabled as DescribeTable's
 * LatestStreamLabel is, and the view type while that stream is enabled.
 *
 * @param label the latest stream's label, or null if the table never had a stream
 * @param viewType the stream's view type while it is enabled, else null
 */
public record StreamSettings(String label, String viewType) {
    /** Setting name: the latest stream's label. */
    static final String LABEL = "streamLabel";
    /** Setting name: the view type of the enabled stream. */
    static final String VIEW_TYPE = "streamViewType";

    /** The stream settings of {@code def}. */
    public static StreamSettings of(TableDefinition def) {
        return new StreamSettings(text(def.setting(LABEL)), text(def.setting(VIEW_TYPE)));
    }

    /** Whether the table's stream is enabled. */
    public boolean enabled() {
        return viewType != null;
    }

    /** The table's latest stream, or null if it never had one. */
    StreamId latest(String tableName) {
        return label == null ? null : new StreamId(tableName, label);
    }

    /** {@code def} with these settings. */
    TableDefinition applyTo(TableDefinition def) {
        return def.withSetting(LABEL, label == null ? null : AttributeValue.s(label))
                .withSetting(VIEW_TYPE, viewType == null ? null : AttributeValue.s(viewType));
    }

    private static String text(AttributeValue v) {
        return v instanceof AttributeValue.S s ? s.value() : null;
    }
}
