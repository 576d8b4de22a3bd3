package floe.plugin.parquet;

import floe.api.Item;
import floe.api.model.AttributeDefinition;
import floe.spi.extension.ExportSource;
import java.util.List;
import java.util.function.Consumer;

/** The items of a test table, as FloeDB hands a table at one instant to a format. */
record ListSource(String tableName, List<AttributeDefinition> keyAttributes, List<Item> items) implements ExportSource {
    ListSource {
        keyAttributes = List.copyOf(keyAttributes);
        items = List.copyOf(items);
    }

    static ListSource of(List<Item> items, AttributeDefinition... keys) {
        return new ListSource("Things", List.of(keys), items);
    }

    @Override
    public long itemCount() {
        return items.size();
    }

    @Override
    public void forEach(Consumer<? super Item> action) {
        items.forEach(action);
    }
}
