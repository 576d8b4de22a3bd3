package floe.engine.table;

import floe.api.model.TableDescription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tables deleted less than the status delay ago: gone from the catalog (their data
 * is dropped at once), but still shown DELETING by DescribeTable and ListTables, as
 * DynamoDB shows them until the deletion completes. Kept in memory only: after a
 * restart a deleted table is simply gone.
 */
public final class DeletedTables {
    private record Deleted(TableDescription description, Instant until) {}

    private final ConcurrentHashMap<String, Deleted> tables = new ConcurrentHashMap<>();

    /** Remembers a table deleted now, described DELETING, until {@code until}. */
    public void remember(TableDescription description, Instant until) {
        tables.put(description.tableName(), new Deleted(description, until));
    }

    /** The DELETING description of the table named {@code name} if it is still being deleted at {@code now}, or null. */
    public TableDescription get(String name, Instant now) {
        Deleted d = tables.get(name);
        if (d == null) {
            return null;
        }
        if (!now.isBefore(d.until)) {
            tables.remove(name, d);
            return null;
        }
        return d.description;
    }

    /** The names of the tables still being deleted at {@code now}. */
    public List<String> names(Instant now) {
        List<String> out = new ArrayList<>();
        for (String name : List.copyOf(tables.keySet())) {
            if (get(name, now) != null) {
                out.add(name);
            }
        }
        return out;
    }

    /** Forgets the table named {@code name} (created anew). */
    public void forget(String name) {
        tables.remove(name);
    }
}
