package floe.engine.namespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.PutItemRequest;
import floe.api.model.StreamSpecification;
import floe.engine.Engine;
import floe.tck.storage.ReferenceBackend;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * How namespaces lie in storage: the default namespace's keyspaces keep the names FloeDB gave
 * them before namespaces existed (so a data directory written then opens as the default
 * namespace, nothing moved), and every other namespace's carry its prefix, the same names
 * behind it.
 */
class NamespaceStorageTest {
    private static final String PREFIX = "ns:000000000000:us-east-2:";

    @Test
    void theDefaultNamespaceKeepsItsNamesAndAnotherOneIsPrefixed() {
        ReferenceBackend backend = new ReferenceBackend();
        try (FloeDb db = new Engine(backend, FloeConfig.inMemory())) {
            FloeDb east2 = db.inRegion("us-east-2");
            assertSame(east2, db.inRegion("us-east-2"), "one view per namespace");
            assertSame(db, db.inRegion("us-east-1"), "the default Region is the database");
            assertSame(db, east2.inRegion("us-east-1"));
            for (FloeDb r : List.of(db, east2)) {
                r.createTable(streamed("Music"));
                r.putItem(PutItemRequest.builder()
                        .tableName("Music")
                        .item(Map.of("pk", AttributeValue.s("a")))
                        .build());
            }
            String hereId =
                    db.describeTable(new DescribeTableRequest("Music")).table().tableId();
            String thereId = east2.describeTable(new DescribeTableRequest("Music"))
                    .table()
                    .tableId();

            Set<String> defaults = new TreeSet<>();
            Set<String> prefixed = new TreeSet<>();
            for (String keyspace : backend.keyspaces()) {
                if (keyspace.startsWith(Namespace.PREFIX)) {
                    assertTrue(keyspace.startsWith(PREFIX), keyspace);
                    prefixed.add(keyspace.substring(PREFIX.length()));
                } else {
                    defaults.add(keyspace);
                }
            }
            // the names of before: the catalog, the table's items by its id, FloeDB's own records
            assertTrue(defaults.containsAll(List.of("floe.catalog", "floe.stats", "t." + hereId)), defaults::toString);
            assertTrue(prefixed.containsAll(List.of("floe.catalog", "floe.stats", "t." + thereId)), prefixed::toString);
            assertFalse(defaults.contains("t." + thereId));
            assertFalse(prefixed.contains("t." + hereId));
            assertEquals(
                    without(defaults, hereId),
                    without(prefixed, thereId),
                    "the same keyspaces, each namespace its own");
            assertEquals(List.of(new Namespace("000000000000", "us-east-2")), NamespacedBackend.namespacesIn(backend));
        }
    }

    @Test
    void namesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Namespace("000000000000", "us:east"));
        assertThrows(IllegalArgumentException.class, () -> new Namespace("000000000000", ""));
        assertThrows(IllegalArgumentException.class, () -> new Namespace("12ab", "us-east-1"));
        assertEquals(new Namespace("111122223333", "eu-west-1"), Namespace.ofKeyspace("ns:111122223333:eu-west-1:t.x"));
        assertNull(Namespace.ofKeyspace("floe.catalog"));
        assertNull(Namespace.ofKeyspace("ns:broken"));
        try (FloeDb db = new Engine(new ReferenceBackend(), FloeConfig.inMemory())) {
            assertThrows(IllegalArgumentException.class, () -> db.inRegion("us east"));
            assertThrows(IllegalArgumentException.class, () -> db.inNamespace("x", "us-east-1"));
        }
    }

    private static Set<String> without(Set<String> keyspaces, String tableId) {
        Set<String> out = new TreeSet<>();
        for (String k : keyspaces) {
            out.add(k.replace(tableId, "<table>"));
        }
        return out;
    }

    private static CreateTableRequest streamed(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(new StreamSpecification(true, "NEW_IMAGE"))
                .build();
    }
}
