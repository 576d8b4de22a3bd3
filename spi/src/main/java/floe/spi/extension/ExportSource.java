package floe.spi.extension;

import floe.api.Item;
import floe.api.Stability;
import floe.api.model.AttributeDefinition;
import java.util.List;
import java.util.function.Consumer;

/**
 * The items an export writes: one table at one instant, readable as often as needed.
 * FloeDB paces the reading so that an export does not starve the table's own traffic.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ExportSource {
    /** The table's name. */
    String tableName();

    /** The table's key attributes, partition key first, with their types (S, N or B). */
    List<AttributeDefinition> keyAttributes();

    /** How many items there are (exact: the source is one instant). */
    long itemCount();

    /** Hands every item to {@code action}, in the table's key order. */
    void forEach(Consumer<? super Item> action);
}
