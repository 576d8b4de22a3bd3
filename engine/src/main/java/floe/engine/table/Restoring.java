package floe.engine.table;

import floe.api.AttributeValue;
import floe.api.model.RestoreSummary;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The setting of a table made by a restore: where it came from, to which instant,
 * and whether its items are still being copied in. While they are, the table is
 * CREATING (see {@link TableLifecycle}); DescribeTable shows the summary for the
 * table's whole life, as DynamoDB shows {@code RestoreSummary}.
 */
public final class Restoring {
    static final String SETTING = "restore";

    private Restoring() {}

    /** {@code def} restored from {@code summary}'s source, in progress. */
    public static TableDefinition start(TableDefinition def, RestoreSummary summary) {
        Map<String, AttributeValue> m = new HashMap<>();
        if (summary.sourceBackupArn() != null) {
            m.put("backup", AttributeValue.s(summary.sourceBackupArn()));
        }
        m.put("table", AttributeValue.s(summary.sourceTableArn()));
        m.put("time", AttributeValue.n(summary.restoreDateTime().toEpochMilli()));
        m.put("running", AttributeValue.bool(true));
        return def.withSetting(SETTING, AttributeValue.m(m));
    }

    /**
     * {@code def} made by an import, its items still being loaded: CREATING like a restored
     * table, and cleaned up the same way if a crash cuts the load short, but with no
     * restore summary.
     */
    public static TableDefinition startImport(TableDefinition def) {
        return def.withSetting(
                SETTING,
                AttributeValue.m(Map.of("import", AttributeValue.bool(true), "running", AttributeValue.bool(true))));
    }

    /** {@code def} with its restore done. */
    public static TableDefinition done(TableDefinition def) {
        Map<String, AttributeValue> m = new HashMap<>(TableOptions.map(def.setting(SETTING)));
        m.put("running", AttributeValue.bool(false));
        return def.withSetting(SETTING, AttributeValue.m(m));
    }

    /** Whether {@code def} is a restored table whose items are still being copied in. */
    public static boolean inProgress(TableDefinition def) {
        AttributeValue running = TableOptions.map(def.setting(SETTING)).get("running");
        return running instanceof AttributeValue.Bool b && b.value();
    }

    /** The restore summary of {@code def}, or null if no restore made it. */
    public static RestoreSummary summary(TableDefinition def) {
        Map<String, AttributeValue> m = TableOptions.map(def.setting(SETTING));
        if (m.isEmpty() || m.containsKey("import")) {
            return null;
        }
        return new RestoreSummary(
                m.containsKey("backup") ? TableDefinition.str(m.get("backup")) : null,
                TableDefinition.str(m.get("table")),
                Instant.ofEpochMilli(TableOptions.num(m.get("time"), 0)),
                inProgress(def));
    }
}
