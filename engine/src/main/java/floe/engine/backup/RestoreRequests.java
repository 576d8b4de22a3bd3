package floe.engine.backup;

import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.GlobalSecondaryIndex;
import floe.api.model.GlobalSecondaryIndexDescription;
import floe.api.model.GlobalSecondaryIndexInfo;
import floe.api.model.LocalSecondaryIndex;
import floe.api.model.LocalSecondaryIndexDescription;
import floe.api.model.LocalSecondaryIndexInfo;
import floe.api.model.OnDemandThroughput;
import floe.api.model.ProvisionedThroughput;
import floe.api.model.SourceTableDetails;
import floe.api.model.SourceTableFeatureDetails;
import floe.api.model.SseSpecification;
import floe.api.model.TableDescription;
import floe.api.model.TimeToLiveDescription;
import floe.engine.table.TableDefinition;
import floe.engine.ttl.TimeToLiveSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a restore creates: the source table's key schema, indexes, billing, throughput
 * and encryption, as a CreateTable request (so a restored table passes every check a
 * created one does), with the request's overrides applied. What DynamoDB does not
 * restore is left off: tags, stream, Time to Live, point-in-time recovery, deletion
 * protection, resource policy.
 */
final class RestoreRequests {
    private RestoreRequests() {}

    /**
     * A restore's overrides, each null when not given.
     *
     * @param billingMode BillingModeOverride
     * @param throughput ProvisionedThroughputOverride
     * @param globalIndexes GlobalSecondaryIndexOverride (an empty list: no global index)
     * @param localIndexes LocalSecondaryIndexOverride
     * @param sse SSESpecificationOverride
     * @param onDemand OnDemandThroughputOverride
     */
    record Overrides(
            String billingMode,
            ProvisionedThroughput throughput,
            List<GlobalSecondaryIndex> globalIndexes,
            List<LocalSecondaryIndex> localIndexes,
            SseSpecification sse,
            OnDemandThroughput onDemand) {}

    static CreateTableRequest create(TableDescription source, String target, Overrides o) {
        String sourceBilling = billing(source);
        String billing = o.billingMode() != null ? o.billingMode() : sourceBilling;
        boolean provisioned = TableDefinition.PROVISIONED.equals(billing);
        ProvisionedThroughput throughput = o.throughput();
        if (throughput == null && provisioned && TableDefinition.PROVISIONED.equals(sourceBilling)) {
            throughput = new ProvisionedThroughput(
                    source.provisionedThroughput().readCapacityUnits(),
                    source.provisionedThroughput().writeCapacityUnits());
        }
        List<GlobalSecondaryIndex> globals = o.globalIndexes();
        if (globals == null && source.globalSecondaryIndexes() != null) {
            globals = new ArrayList<>();
            for (GlobalSecondaryIndexDescription g : source.globalSecondaryIndexes()) {
                ProvisionedThroughput gt = null;
                if (provisioned) {
                    gt = TableDefinition.PROVISIONED.equals(sourceBilling)
                            ? new ProvisionedThroughput(
                                    g.provisionedThroughput().readCapacityUnits(),
                                    g.provisionedThroughput().writeCapacityUnits())
                            : throughput; // best guess: an index restored to provisioned takes the table's
                }
                globals.add(GlobalSecondaryIndex.builder()
                        .indexName(g.indexName())
                        .keySchema(g.keySchema())
                        .projection(g.projection())
                        .provisionedThroughput(gt)
                        .onDemandThroughput(provisioned ? null : g.onDemandThroughput())
                        .build());
            }
        }
        List<LocalSecondaryIndex> locals = o.localIndexes();
        if (locals == null && source.localSecondaryIndexes() != null) {
            locals = new ArrayList<>();
            for (LocalSecondaryIndexDescription l : source.localSecondaryIndexes()) {
                locals.add(new LocalSecondaryIndex(l.indexName(), l.keySchema(), l.projection()));
            }
        }
        SseSpecification sse = o.sse();
        if (sse == null && source.sseDescription() != null) {
            sse = new SseSpecification(true, "KMS", source.sseDescription().kmsMasterKeyArn());
        }
        OnDemandThroughput onDemand = o.onDemand();
        if (onDemand == null && !provisioned && !TableDefinition.PROVISIONED.equals(sourceBilling)) {
            onDemand = source.onDemandThroughput();
        }
        // only the attributes a key of the new table or its indexes uses: CreateTable refuses the others
        Set<String> used = new HashSet<>();
        source.keySchema().forEach(k -> used.add(k.attributeName()));
        if (globals != null) {
            globals.forEach(g -> g.keySchema().forEach(k -> used.add(k.attributeName())));
        }
        if (locals != null) {
            locals.forEach(l -> l.keySchema().forEach(k -> used.add(k.attributeName())));
        }
        List<AttributeDefinition> definitions = new ArrayList<>();
        for (AttributeDefinition d : source.attributeDefinitions()) {
            if (used.contains(d.attributeName())) {
                definitions.add(d);
            }
        }
        return CreateTableRequest.builder()
                .tableName(target)
                .keySchema(source.keySchema())
                .attributeDefinitions(definitions)
                .billingMode(billing)
                .provisionedThroughput(throughput)
                .globalSecondaryIndexes(globals == null || globals.isEmpty() ? null : globals)
                .localSecondaryIndexes(locals == null || locals.isEmpty() ? null : locals)
                .sseSpecification(sse)
                .tableClass(
                        source.tableClassSummary() == null
                                ? null
                                : source.tableClassSummary().tableClass())
                .onDemandThroughput(onDemand)
                .build();
    }

    static SourceTableDetails sourceDetails(TableDescription t, Instant created, long items, long bytes) {
        boolean provisioned = TableDefinition.PROVISIONED.equals(billing(t));
        return new SourceTableDetails(
                t.tableName(),
                t.tableId(),
                t.tableArn(),
                bytes,
                t.keySchema(),
                t.creationDateTime(),
                new ProvisionedThroughput(
                        provisioned ? t.provisionedThroughput().readCapacityUnits() : 0L,
                        provisioned ? t.provisionedThroughput().writeCapacityUnits() : 0L),
                t.onDemandThroughput(),
                items,
                billing(t));
    }

    static SourceTableFeatureDetails featureDetails(TableDescription t, TableDefinition def) {
        List<LocalSecondaryIndexInfo> locals = null;
        if (t.localSecondaryIndexes() != null) {
            locals = new ArrayList<>();
            for (LocalSecondaryIndexDescription l : t.localSecondaryIndexes()) {
                locals.add(new LocalSecondaryIndexInfo(l.indexName(), l.keySchema(), l.projection()));
            }
        }
        List<GlobalSecondaryIndexInfo> globals = null;
        if (t.globalSecondaryIndexes() != null) {
            boolean provisioned = TableDefinition.PROVISIONED.equals(billing(t));
            globals = new ArrayList<>();
            for (GlobalSecondaryIndexDescription g : t.globalSecondaryIndexes()) {
                globals.add(new GlobalSecondaryIndexInfo(
                        g.indexName(),
                        g.keySchema(),
                        g.projection(),
                        provisioned
                                ? new ProvisionedThroughput(
                                        g.provisionedThroughput().readCapacityUnits(),
                                        g.provisionedThroughput().writeCapacityUnits())
                                : null,
                        g.onDemandThroughput()));
            }
        }
        TimeToLiveSettings ttl = TimeToLiveSettings.of(def);
        TimeToLiveDescription ttlDescription = ttl == null || ttl.attributeName() == null
                ? null
                : new TimeToLiveDescription(ttl.status(), ttl.attributeName());
        return new SourceTableFeatureDetails(
                locals, globals, t.streamSpecification(), ttlDescription, t.sseDescription());
    }

    private static String billing(TableDescription t) {
        return t.billingModeSummary() == null
                ? TableDefinition.PROVISIONED
                : t.billingModeSummary().billingMode();
    }
}
