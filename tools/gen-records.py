#!/usr/bin/env python3
"""Generates, from one compact spec, the api's request/response/model records with
builders and the server's JSON codec for them (the one place that knows the wire
names of the model's fields).

Run it (from anywhere): python3 tools/gen-records.py. The spec is below. The generated
files are committed (the api's records are public: their diffs are reviewed), and the
build checks them: the parent POM runs `python3 tools/gen-records.py --check` first,
which regenerates in memory and fails, with a diff, on any difference (or on a file
with the generated header that the spec no longer makes), so a hand edit of a
generated file, or a spec edit without regenerating, fails the build. `--check api`
or `--check server` checks one module's files.

The wire names are this spec's; the server's ModelJsonTest checks each against the
member of the same shape in the AWS SDK's model of DynamoDB.

The codec holds only the directions the server uses: a reader for each operation's
request and what a request contains, a writer for each response and what a response
contains. An operation is a pair of records XRequest and XResponse in the spec.

The output is in the project's style already and must stay byte-for-byte what this
script writes: keep the generated files out of any formatter (`--list` prints them).
"""
import difflib, os, re, sys

OUT = "api/src/main/java/floe/api/model"
JSON_OUT = "server/src/main/java/floe/server/json/ModelJson.java"

SPEC = r"""
# Name | doc
#   Type name | doc
KeySchemaElement | One element of a key schema.
  String attributeName | the key attribute's name
  String keyType | HASH or RANGE

AttributeDefinition | The type of an attribute used in a key schema.
  String attributeName | the attribute's name
  String attributeType | S, N or B

ProvisionedThroughput | Provisioned read and write capacity.
  Long readCapacityUnits | read capacity units
  Long writeCapacityUnits | write capacity units

ProvisionedThroughputDescription | A table's or index's provisioned throughput, as described.
  java.time.Instant lastIncreaseDateTime | when it was last increased, or null
  java.time.Instant lastDecreaseDateTime | when it was last decreased, or null
  Long numberOfDecreasesToday | decreases in the current UTC day
  Long readCapacityUnits | read capacity units (0 for on-demand tables)
  Long writeCapacityUnits | write capacity units (0 for on-demand tables)

BillingModeSummary | How a table is billed.
  String billingMode | PROVISIONED or PAY_PER_REQUEST
  java.time.Instant lastUpdateToPayPerRequestDateTime | when it last switched to on-demand, or null

Projection | The attributes copied (projected) from a table into an index, besides the key attributes.
  String projectionType | KEYS_ONLY, INCLUDE or ALL
  List<String> nonKeyAttributes | with INCLUDE, the non-key attributes projected, else null

GlobalSecondaryIndex | A global secondary index to create with its table.
  String indexName | the index name
  List<KeySchemaElement> keySchema | the index's key schema
  Projection projection | what the index holds besides its keys
  ProvisionedThroughput provisionedThroughput | required on a provisioned table, refused on an on-demand one
  + OnDemandThroughput onDemandThroughput | on an on-demand table, the index's maximum request units, or null
  + WarmThroughput warmThroughput | the index's requested warm throughput, or null

LocalSecondaryIndex | A local secondary index to create with its table.
  String indexName | the index name
  List<KeySchemaElement> keySchema | the index's key schema: the table's partition key and a sort key
  Projection projection | what the index holds besides its keys

GlobalSecondaryIndexDescription | A global secondary index as DescribeTable shows it.
  String indexName | the index name
  List<KeySchemaElement> keySchema | the index's key schema
  Projection projection | what the index holds besides its keys
  String indexStatus | CREATING, UPDATING, DELETING or ACTIVE
  Boolean backfilling | true while an index added to an existing table is being filled, else null
  ProvisionedThroughputDescription provisionedThroughput | the index's provisioned throughput
  Long indexSizeBytes | approximate size of the index in bytes
  Long itemCount | approximate number of items in the index
  String indexArn | the index's ARN: the table's ARN, then /index/ and the name
  + OnDemandThroughput onDemandThroughput | on an on-demand table, the index's maximum request units, or null if none
  + GlobalSecondaryIndexWarmThroughputDescription warmThroughput | the index's warm throughput

LocalSecondaryIndexDescription | A local secondary index as DescribeTable shows it.
  String indexName | the index name
  List<KeySchemaElement> keySchema | the index's key schema
  Projection projection | what the index holds besides its keys
  Long indexSizeBytes | approximate size of the index in bytes
  Long itemCount | approximate number of items in the index
  String indexArn | the index's ARN: the table's ARN, then /index/ and the name

CreateGlobalSecondaryIndexAction | A global secondary index to add to an existing table.
  String indexName | the index name
  List<KeySchemaElement> keySchema | the index's key schema
  Projection projection | what the index holds besides its keys
  ProvisionedThroughput provisionedThroughput | required on a provisioned table, refused on an on-demand one
  + OnDemandThroughput onDemandThroughput | on an on-demand table, the index's maximum request units, or null
  + WarmThroughput warmThroughput | the index's requested warm throughput, or null

UpdateGlobalSecondaryIndexAction | New provisioned throughput for a global secondary index.
  String indexName | the index name
  ProvisionedThroughput provisionedThroughput | the new throughput
  + OnDemandThroughput onDemandThroughput | new maximum request units on an on-demand table, or null
  + WarmThroughput warmThroughput | new warm throughput, or null

DeleteGlobalSecondaryIndexAction | A global secondary index to remove.
  String indexName | the index name

GlobalSecondaryIndexUpdate | One change to a table's global secondary indexes: exactly one of the three.
  UpdateGlobalSecondaryIndexAction update | a throughput change, or null
  CreateGlobalSecondaryIndexAction create | an index to add, or null
  DeleteGlobalSecondaryIndexAction delete | an index to remove, or null

TableDescription | A table as DescribeTable shows it.
  String tableName | the name
  String tableArn | the ARN
  String tableId | the unique id
  String tableStatus | CREATING, UPDATING, DELETING, ACTIVE ...
  java.time.Instant creationDateTime | when it was created
  List<KeySchemaElement> keySchema | the key schema
  List<AttributeDefinition> attributeDefinitions | the key attributes' types
  Long itemCount | approximate number of items
  Long tableSizeBytes | approximate size in bytes
  BillingModeSummary billingModeSummary | the billing mode, or null for a provisioned table never switched
  ProvisionedThroughputDescription provisionedThroughput | the provisioned throughput
  List<LocalSecondaryIndexDescription> localSecondaryIndexes | the local secondary indexes, or null if none
  List<GlobalSecondaryIndexDescription> globalSecondaryIndexes | the global secondary indexes, or null if none
  StreamSpecification streamSpecification | the stream's settings while one is enabled, else null
  String latestStreamLabel | the label of the table's latest stream (kept after it is disabled), or null if it never had one
  String latestStreamArn | the ARN of the table's latest stream (kept after it is disabled), or null if it never had one
  + TableClassSummary tableClassSummary | the table class, or null when it was never set
  + SseDescription sseDescription | the encryption at rest with a KMS key, or null for the default (an AWS owned key)
  + Boolean deletionProtectionEnabled | whether DeleteTable is refused
  + OnDemandThroughput onDemandThroughput | the maximum request units of an on-demand table, or null if none
  + TableWarmThroughputDescription warmThroughput | the table's warm throughput
  + RestoreSummary restoreSummary | for a table made by a restore, where it came from, else null
  + List<ReplicaDescription> replicas | the Regions of a global table, or null for a table with no replicas
  + String globalTableVersion | 2019.11.21 for a global table, else null

ReplicaDescription | One Region of a global table, as DescribeTable shows it.
  String regionName | the Region
  String replicaStatus | CREATING, CREATION_FAILED, UPDATING, DELETING or ACTIVE
  String replicaStatusDescription | why the replica is in its status, or null
  String replicaStatusPercentProgress | while CREATING, how much of the table was copied, or null
  String kmsMasterKeyId | the replica's KMS key, or null
  + ProvisionedThroughputOverride provisionedThroughputOverride | the replica's own read capacity, or null for the table's
  + OnDemandThroughputOverride onDemandThroughputOverride | the replica's own maximum read request units, or null for the table's
  + List<ReplicaGlobalSecondaryIndexDescription> globalSecondaryIndexes | the replica's own settings of its global secondary indexes, or null if none
  + java.time.Instant replicaInaccessibleDateTime | when the replica was first found inaccessible, or null
  + TableClassSummary replicaTableClassSummary | the replica's table class, or null when it was never set

ProvisionedThroughputOverride | A replica's own provisioned read capacity.
  Long readCapacityUnits | read capacity units

OnDemandThroughputOverride | A replica's own maximum on-demand read request units.
  Long maxReadRequestUnits | maximum read request units

ReplicaGlobalSecondaryIndex | A replica's own settings of one of its table's global secondary indexes.
  String indexName | the index name
  ProvisionedThroughputOverride provisionedThroughputOverride | the index's read capacity in that replica, or null
  OnDemandThroughputOverride onDemandThroughputOverride | the index's maximum read request units in that replica, or null

ReplicaGlobalSecondaryIndexDescription | A replica's own settings of a global secondary index, as DescribeTable shows them.
  String indexName | the index name
  ProvisionedThroughputOverride provisionedThroughputOverride | the index's read capacity in that replica, or null
  OnDemandThroughputOverride onDemandThroughputOverride | the index's maximum read request units in that replica, or null

CreateReplicationGroupMemberAction | A replica to add to a table.
  String regionName | the Region of the new replica
  String kmsMasterKeyId | the replica's KMS key, or null
  + ProvisionedThroughputOverride provisionedThroughputOverride | the replica's own read capacity, or null
  + OnDemandThroughputOverride onDemandThroughputOverride | the replica's own maximum read request units, or null
  + List<ReplicaGlobalSecondaryIndex> globalSecondaryIndexes | the replica's own settings of global secondary indexes, or null
  + String tableClassOverride | the replica's table class, or null for the table's

UpdateReplicationGroupMemberAction | Settings of an existing replica to change.
  String regionName | the replica's Region
  String kmsMasterKeyId | the replica's KMS key, or null
  + ProvisionedThroughputOverride provisionedThroughputOverride | the replica's new read capacity, or null
  + OnDemandThroughputOverride onDemandThroughputOverride | the replica's new maximum read request units, or null
  + List<ReplicaGlobalSecondaryIndex> globalSecondaryIndexes | new settings of global secondary indexes, or null
  + String tableClassOverride | the replica's new table class, or null

DeleteReplicationGroupMemberAction | A replica to remove from a table.
  String regionName | the replica's Region

ReplicationGroupUpdate | One change to a table's replicas: exactly one of the three.
  CreateReplicationGroupMemberAction create | a replica to add, or null
  UpdateReplicationGroupMemberAction update | a replica to change, or null
  DeleteReplicationGroupMemberAction delete | a replica to remove, or null

CreateTableRequest | CreateTable's request.
  String tableName | the table name or ARN
  List<KeySchemaElement> keySchema | the key schema
  List<AttributeDefinition> attributeDefinitions | the key attributes' types
  String billingMode | PROVISIONED (default) or PAY_PER_REQUEST, or null
  ProvisionedThroughput provisionedThroughput | required for PROVISIONED
  List<LocalSecondaryIndex> localSecondaryIndexes | local secondary indexes (at most 5), or null
  List<GlobalSecondaryIndex> globalSecondaryIndexes | global secondary indexes (at most 20), or null
  StreamSpecification streamSpecification | the table's stream, or null for none
  + List<Tag> tags | tags for the new table, or null
  + SseSpecification sseSpecification | encryption at rest, or null for the default
  + String tableClass | STANDARD (default) or STANDARD_INFREQUENT_ACCESS, or null
  + Boolean deletionProtectionEnabled | whether DeleteTable is refused, or null for false
  + OnDemandThroughput onDemandThroughput | maximum request units of an on-demand table, or null
  + WarmThroughput warmThroughput | requested warm throughput, or null
  + String resourcePolicy | a resource-based policy document (JSON) to attach, or null

CreateTableResponse | CreateTable's response.
  TableDescription tableDescription | the new table

DescribeTableRequest | DescribeTable's request.
  String tableName | the table name or ARN

DescribeTableResponse | DescribeTable's response.
  TableDescription table | the table

ListTablesRequest | ListTables' request.
  String exclusiveStartTableName | continue after this name, or null
  Integer limit | at most this many names (1 to 100), or null for 100

ListTablesResponse | ListTables' response.
  List<String> tableNames | the names, in order
  String lastEvaluatedTableName | where the next page starts, or null at the end

TimeToLiveSpecification | Turns Time to Live on or off for a table.
  Boolean enabled | true to enable, false to disable
  String attributeName | the top-level Number attribute holding each item's expiry, in epoch seconds

TimeToLiveDescription | A table's Time to Live, as DescribeTimeToLive shows it.
  String timeToLiveStatus | ENABLING, ENABLED, DISABLING or DISABLED
  String attributeName | the expiry attribute, or null when disabled

UpdateTimeToLiveRequest | UpdateTimeToLive's request.
  String tableName | the table name or ARN
  TimeToLiveSpecification timeToLiveSpecification | what to turn on or off

UpdateTimeToLiveResponse | UpdateTimeToLive's response.
  TimeToLiveSpecification timeToLiveSpecification | the specification, as given

DescribeTimeToLiveRequest | DescribeTimeToLive's request.
  String tableName | the table name or ARN

DescribeTimeToLiveResponse | DescribeTimeToLive's response.
  TimeToLiveDescription timeToLiveDescription | the table's Time to Live

DeleteTableRequest | DeleteTable's request.
  String tableName | the table name or ARN

DeleteTableResponse | DeleteTable's response.
  TableDescription tableDescription | the table, in status DELETING

UpdateTableRequest | UpdateTable's request.
  String tableName | the table name or ARN
  List<AttributeDefinition> attributeDefinitions | attribute types for new index keys, or null
  String billingMode | the new billing mode, or null
  ProvisionedThroughput provisionedThroughput | the new throughput, or null
  List<GlobalSecondaryIndexUpdate> globalSecondaryIndexUpdates | changes to the global secondary indexes, or null
  StreamSpecification streamSpecification | a stream to enable or disable, or null
  + SseSpecification sseSpecification | new encryption at rest, or null
  + String tableClass | the new table class, or null
  + Boolean deletionProtectionEnabled | the new deletion protection, or null
  + OnDemandThroughput onDemandThroughput | new maximum request units of an on-demand table, or null
  + WarmThroughput warmThroughput | new warm throughput, or null
  + List<ReplicationGroupUpdate> replicaUpdates | replicas to add or remove (global tables 2019.11.21), or null

UpdateTableResponse | UpdateTable's response.
  TableDescription tableDescription | the table after the change

# ---- the rest of the table control plane: tags, capacity modes, table options, continuous backups, limits,
# endpoints, resource policies
Tag | A tag of a resource: a key and a value.
  String key | the key, 1 to 128 characters
  String value | the value, 0 to 256 characters

SseSpecification | Encryption at rest as requested.
  Boolean enabled | true for a KMS key (AWS managed unless one is named), false or null for the default (an AWS owned key)
  String sseType | KMS, or null
  String kmsMasterKeyId | the KMS key's ARN, id or alias, or null for the AWS managed key

SseDescription | Encryption at rest with a KMS key, as described.
  String status | ENABLING, ENABLED, DISABLING, DISABLED or UPDATING
  String sseType | KMS
  String kmsMasterKeyArn | the KMS key's ARN
  java.time.Instant inaccessibleEncryptionDateTime | when the key became inaccessible, or null

TableClassSummary | A table's class.
  String tableClass | STANDARD or STANDARD_INFREQUENT_ACCESS
  java.time.Instant lastUpdateDateTime | when it was last changed, or null

OnDemandThroughput | The maximum request units of an on-demand table or index.
  Long maxReadRequestUnits | read request units per second, -1 to remove the maximum, or null
  Long maxWriteRequestUnits | write request units per second, -1 to remove the maximum, or null

WarmThroughput | Requested warm throughput: the rates a table or index is prepared for.
  Long readUnitsPerSecond | read units per second, or null
  Long writeUnitsPerSecond | write units per second, or null

TableWarmThroughputDescription | A table's warm throughput, as described.
  Long readUnitsPerSecond | read units per second
  Long writeUnitsPerSecond | write units per second
  String status | ACTIVE or UPDATING

GlobalSecondaryIndexWarmThroughputDescription | A global secondary index's warm throughput, as described.
  Long readUnitsPerSecond | read units per second
  Long writeUnitsPerSecond | write units per second
  String status | ACTIVE, CREATING or UPDATING

TagResourceRequest | TagResource's request.
  String resourceArn | the table's ARN
  List<Tag> tags | the tags to add or replace

TagResourceResponse | TagResource's response: empty.

UntagResourceRequest | UntagResource's request.
  String resourceArn | the table's ARN
  List<String> tagKeys | the keys of the tags to remove

UntagResourceResponse | UntagResource's response: empty.

ListTagsOfResourceRequest | ListTagsOfResource's request.
  String resourceArn | the table's ARN
  String nextToken | where to continue, from a previous response, or null

ListTagsOfResourceResponse | ListTagsOfResource's response.
  List<Tag> tags | the tags
  String nextToken | where the next page starts, or null at the end

PointInTimeRecoverySpecification | Point-in-time recovery as requested.
  Boolean pointInTimeRecoveryEnabled | whether it is on
  Integer recoveryPeriodInDays | how far back restores may go, 1 to 35 days, or null for 35

PointInTimeRecoveryDescription | Point-in-time recovery, as described.
  String pointInTimeRecoveryStatus | ENABLED or DISABLED
  Integer recoveryPeriodInDays | how far back restores may go, when ENABLED
  java.time.Instant earliestRestorableDateTime | the earliest time a restore may go back to, when ENABLED
  java.time.Instant latestRestorableDateTime | the latest time a restore may go back to, when ENABLED

ContinuousBackupsDescription | A table's continuous backups.
  String continuousBackupsStatus | ENABLED (always, for an existing table) or DISABLED
  PointInTimeRecoveryDescription pointInTimeRecoveryDescription | point-in-time recovery

DescribeContinuousBackupsRequest | DescribeContinuousBackups' request.
  String tableName | the table name or ARN

DescribeContinuousBackupsResponse | DescribeContinuousBackups' response.
  ContinuousBackupsDescription continuousBackupsDescription | the table's continuous backups

UpdateContinuousBackupsRequest | UpdateContinuousBackups' request.
  String tableName | the table name or ARN
  PointInTimeRecoverySpecification pointInTimeRecoverySpecification | point-in-time recovery as wanted

UpdateContinuousBackupsResponse | UpdateContinuousBackups' response.
  ContinuousBackupsDescription continuousBackupsDescription | the table's continuous backups after the change

# ---- on-demand backups and point-in-time restores
BackupDetails | A backup's details.
  String backupArn | the backup's ARN: the table's, then /backup/ and the backup's id
  String backupName | the name given when it was made
  Long backupSizeBytes | the size of the items it holds, once AVAILABLE
  String backupStatus | CREATING, AVAILABLE or DELETED
  String backupType | USER, SYSTEM or AWS_BACKUP
  java.time.Instant backupCreationDateTime | the instant its image is of
  java.time.Instant backupExpiryDateTime | when a SYSTEM backup goes, else null

SourceTableDetails | The table a backup was made of, as it was then.
  String tableName | the table name
  String tableId | the table's unique id
  String tableArn | the table's ARN
  Long tableSizeBytes | the size of its items
  List<KeySchemaElement> keySchema | its key schema
  java.time.Instant tableCreationDateTime | when it was created
  ProvisionedThroughput provisionedThroughput | its provisioned throughput (0 on demand)
  OnDemandThroughput onDemandThroughput | its maximum request units, or null
  Long itemCount | its number of items
  String billingMode | PROVISIONED or PAY_PER_REQUEST

LocalSecondaryIndexInfo | A local secondary index of a backed-up table.
  String indexName | the index name
  List<KeySchemaElement> keySchema | the index's key schema
  Projection projection | what the index holds besides its keys

GlobalSecondaryIndexInfo | A global secondary index of a backed-up table.
  String indexName | the index name
  List<KeySchemaElement> keySchema | the index's key schema
  Projection projection | what the index holds besides its keys
  ProvisionedThroughput provisionedThroughput | its provisioned throughput, or null on demand
  OnDemandThroughput onDemandThroughput | its maximum request units, or null

SourceTableFeatureDetails | The features of a backed-up table: its indexes, stream, Time to Live and encryption.
  List<LocalSecondaryIndexInfo> localSecondaryIndexes | its local secondary indexes, or null
  List<GlobalSecondaryIndexInfo> globalSecondaryIndexes | its global secondary indexes, or null
  StreamSpecification streamDescription | its stream, or null
  TimeToLiveDescription timeToLiveDescription | its Time to Live, or null
  SseDescription sseDescription | its encryption with a KMS key, or null

BackupDescription | A backup and the table it was made of.
  BackupDetails backupDetails | the backup
  SourceTableDetails sourceTableDetails | the table as it was
  SourceTableFeatureDetails sourceTableFeatureDetails | the table's features as they were

BackupSummary | One backup, as ListBackups lists it.
  String tableName | the table it was made of
  String tableId | that table's id
  String tableArn | that table's ARN
  String backupArn | the backup's ARN
  String backupName | the backup's name
  java.time.Instant backupCreationDateTime | the instant its image is of
  java.time.Instant backupExpiryDateTime | when a SYSTEM backup goes, else null
  String backupStatus | CREATING, AVAILABLE or DELETED
  String backupType | USER, SYSTEM or AWS_BACKUP
  Long backupSizeBytes | the size of the items it holds

RestoreSummary | Where a restored table came from.
  String sourceBackupArn | the backup restored, or null for a point-in-time restore
  String sourceTableArn | the table backed up or restored to a point in time
  java.time.Instant restoreDateTime | the instant the table was restored to
  Boolean restoreInProgress | whether the restore is still running

CreateBackupRequest | CreateBackup's request.
  String tableName | the table name or ARN
  String backupName | the backup's name, 3 to 255 of a-z, A-Z, 0-9, '_', '-' and '.'

CreateBackupResponse | CreateBackup's response.
  BackupDetails backupDetails | the backup, CREATING until its copy is done

DescribeBackupRequest | DescribeBackup's request.
  String backupArn | the backup's ARN

DescribeBackupResponse | DescribeBackup's response.
  BackupDescription backupDescription | the backup

DeleteBackupRequest | DeleteBackup's request.
  String backupArn | the backup's ARN

DeleteBackupResponse | DeleteBackup's response.
  BackupDescription backupDescription | the backup, DELETED

ListBackupsRequest | ListBackups' request.
  String tableName | only this table's backups, or null for all
  Integer limit | at most this many (1 to 100), or null
  java.time.Instant timeRangeLowerBound | only backups made at or after this, or null
  java.time.Instant timeRangeUpperBound | only backups made before this, or null
  String exclusiveStartBackupArn | where to continue, from a previous response, or null
  String backupType | USER (the default), SYSTEM, AWS_BACKUP or ALL

ListBackupsResponse | ListBackups' response.
  List<BackupSummary> backupSummaries | the backups, oldest first
  String lastEvaluatedBackupArn | where the next page starts, or null at the end

RestoreTableFromBackupRequest | RestoreTableFromBackup's request.
  String targetTableName | the new table's name
  String backupArn | the backup to restore
  String billingModeOverride | the new table's billing mode instead of the backup's, or null
  List<GlobalSecondaryIndex> globalSecondaryIndexOverride | the new table's global indexes instead of the backup's, or null
  List<LocalSecondaryIndex> localSecondaryIndexOverride | the new table's local indexes instead of the backup's, or null
  ProvisionedThroughput provisionedThroughputOverride | the new table's throughput instead of the backup's, or null
  OnDemandThroughput onDemandThroughputOverride | the new table's maximum request units, or null
  SseSpecification sseSpecificationOverride | the new table's encryption, or null

RestoreTableFromBackupResponse | RestoreTableFromBackup's response.
  TableDescription tableDescription | the new table, CREATING

RestoreTableToPointInTimeRequest | RestoreTableToPointInTime's request.
  String sourceTableArn | the source table's ARN, or null when named
  String sourceTableName | the source table's name, or null when its ARN is given
  String targetTableName | the new table's name
  Boolean useLatestRestorableTime | restore to the latest restorable time
  java.time.Instant restoreDateTime | the instant to restore to, unless the latest
  String billingModeOverride | the new table's billing mode instead of the source's, or null
  List<GlobalSecondaryIndex> globalSecondaryIndexOverride | the new table's global indexes instead of the source's, or null
  List<LocalSecondaryIndex> localSecondaryIndexOverride | the new table's local indexes instead of the source's, or null
  ProvisionedThroughput provisionedThroughputOverride | the new table's throughput instead of the source's, or null
  OnDemandThroughput onDemandThroughputOverride | the new table's maximum request units, or null
  SseSpecification sseSpecificationOverride | the new table's encryption, or null

RestoreTableToPointInTimeResponse | RestoreTableToPointInTime's response.
  TableDescription tableDescription | the new table, CREATING

DescribeLimitsRequest | DescribeLimits' request: empty.

DescribeLimitsResponse | DescribeLimits' response: the account's throughput quotas in the region.
  Long accountMaxReadCapacityUnits | provisioned read units of all tables and indexes together
  Long accountMaxWriteCapacityUnits | provisioned write units of all tables and indexes together
  Long tableMaxReadCapacityUnits | read units of one table or index
  Long tableMaxWriteCapacityUnits | write units of one table or index

Endpoint | An address the service answers at.
  String address | the host (and port) to send requests to
  Long cachePeriodInMinutes | how long a client may keep the answer

DescribeEndpointsRequest | DescribeEndpoints' request: empty.

DescribeEndpointsResponse | DescribeEndpoints' response.
  List<Endpoint> endpoints | the endpoints

PutResourcePolicyRequest | PutResourcePolicy's request.
  String resourceArn | the table's ARN
  String policy | the policy document (JSON)
  String expectedRevisionId | the revision replaced, NO_POLICY when none may exist, or null for any
  Boolean confirmRemoveSelfResourceAccess | accepted and ignored (FloeDB does not enforce policies)

PutResourcePolicyResponse | PutResourcePolicy's response.
  String revisionId | the policy's revision

GetResourcePolicyRequest | GetResourcePolicy's request.
  String resourceArn | the table's ARN

GetResourcePolicyResponse | GetResourcePolicy's response.
  String policy | the policy document
  String revisionId | its revision

DeleteResourcePolicyRequest | DeleteResourcePolicy's request.
  String resourceArn | the table's ARN
  String expectedRevisionId | the revision deleted, or null for any

DeleteResourcePolicyResponse | DeleteResourcePolicy's response.
  String revisionId | the revision of the deleted policy

Capacity | Capacity units consumed on one table or index.
  Double readCapacityUnits | read units, or null
  Double writeCapacityUnits | write units, or null
  Double capacityUnits | total units

ConsumedCapacity | Capacity an operation consumed, as ReturnConsumedCapacity asked.
  String tableName | the table
  Double capacityUnits | total units
  Double readCapacityUnits | read units, or null
  Double writeCapacityUnits | write units, or null
  Capacity table | units on the table itself (INDEXES only), or null
  Map<String, Capacity> localSecondaryIndexes | units per LSI (INDEXES only), or null
  Map<String, Capacity> globalSecondaryIndexes | units per GSI (INDEXES only), or null

ItemCollectionMetrics | The size of an item collection, for tables with local secondary indexes.
  Map<String, AttributeValue> itemCollectionKey | the partition key value
  List<Double> sizeEstimateRangeGB | the estimated size range in GB

PutItemRequest | PutItem's request.
  String tableName | the table name or ARN
  Map<String, AttributeValue> item | the item
  String conditionExpression | a condition, or null
  Map<String, String> expressionAttributeNames | name placeholders, or null
  Map<String, AttributeValue> expressionAttributeValues | value placeholders, or null
  String returnValues | NONE (default) or ALL_OLD, or null
  String returnConsumedCapacity | NONE, TOTAL or INDEXES, or null
  String returnItemCollectionMetrics | NONE or SIZE, or null
  String returnValuesOnConditionCheckFailure | NONE or ALL_OLD, or null
  Map<String, ExpectedAttributeValue> expected | the legacy condition, or null
  String conditionalOperator | AND or OR for the legacy condition, or null

PutItemResponse | PutItem's response.
  Map<String, AttributeValue> attributes | the old item with ALL_OLD, or null
  ConsumedCapacity consumedCapacity | the capacity consumed, when asked
  ItemCollectionMetrics itemCollectionMetrics | when asked, for tables with LSIs

GetItemRequest | GetItem's request.
  String tableName | the table name or ARN
  Map<String, AttributeValue> key | the primary key
  String projectionExpression | the attributes to return, or null for all
  Map<String, String> expressionAttributeNames | name placeholders, or null
  List<String> attributesToGet | the legacy projection, or null
  Boolean consistentRead | strongly consistent when true
  String returnConsumedCapacity | NONE, TOTAL or INDEXES, or null

GetItemResponse | GetItem's response.
  Map<String, AttributeValue> item | the item, or null if there is none
  ConsumedCapacity consumedCapacity | the capacity consumed, when asked

UpdateItemRequest | UpdateItem's request.
  String tableName | the table name or ARN
  Map<String, AttributeValue> key | the primary key
  String updateExpression | the update, or null
  String conditionExpression | a condition, or null
  Map<String, String> expressionAttributeNames | name placeholders, or null
  Map<String, AttributeValue> expressionAttributeValues | value placeholders, or null
  String returnValues | NONE, ALL_OLD, UPDATED_OLD, ALL_NEW or UPDATED_NEW, or null
  String returnConsumedCapacity | NONE, TOTAL or INDEXES, or null
  String returnItemCollectionMetrics | NONE or SIZE, or null
  String returnValuesOnConditionCheckFailure | NONE or ALL_OLD, or null
  Map<String, AttributeValueUpdate> attributeUpdates | the legacy update, or null
  Map<String, ExpectedAttributeValue> expected | the legacy condition, or null
  String conditionalOperator | AND or OR for the legacy condition, or null

UpdateItemResponse | UpdateItem's response.
  Map<String, AttributeValue> attributes | the attributes ReturnValues asked for, or null
  ConsumedCapacity consumedCapacity | the capacity consumed, when asked
  ItemCollectionMetrics itemCollectionMetrics | when asked, for tables with LSIs

DeleteItemRequest | DeleteItem's request.
  String tableName | the table name or ARN
  Map<String, AttributeValue> key | the primary key
  String conditionExpression | a condition, or null
  Map<String, String> expressionAttributeNames | name placeholders, or null
  Map<String, AttributeValue> expressionAttributeValues | value placeholders, or null
  String returnValues | NONE or ALL_OLD, or null
  String returnConsumedCapacity | NONE, TOTAL or INDEXES, or null
  String returnItemCollectionMetrics | NONE or SIZE, or null
  String returnValuesOnConditionCheckFailure | NONE or ALL_OLD, or null
  Map<String, ExpectedAttributeValue> expected | the legacy condition, or null
  String conditionalOperator | AND or OR for the legacy condition, or null

DeleteItemResponse | DeleteItem's response.
  Map<String, AttributeValue> attributes | the old item with ALL_OLD, or null
  ConsumedCapacity consumedCapacity | the capacity consumed, when asked
  ItemCollectionMetrics itemCollectionMetrics | when asked, for tables with LSIs
QueryRequest | Query's request.
  String tableName | the table name or ARN
  String indexName | the index to query, or null for the table
  String select | ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES or COUNT, or null
  List<String> attributesToGet | the legacy projection, or null
  Integer limit | at most this many items evaluated, or null
  Boolean consistentRead | strongly consistent when true
  Map<String, Condition> keyConditions | the legacy key condition, or null
  Map<String, Condition> queryFilter | the legacy filter, or null
  String conditionalOperator | AND or OR for the legacy filter, or null
  Boolean scanIndexForward | false for descending sort order
  Map<String, AttributeValue> exclusiveStartKey | where to continue, or null
  String returnConsumedCapacity | NONE, TOTAL or INDEXES, or null
  String projectionExpression | the attributes to return, or null
  String filterExpression | a filter applied after reading, or null
  String keyConditionExpression | the key condition, or null
  Map<String, String> expressionAttributeNames | name placeholders, or null
  Map<String, AttributeValue> expressionAttributeValues | value placeholders, or null

QueryResponse | Query's response.
  List<Map<String, AttributeValue>> items | the items, or null with Select COUNT
  Integer count | items returned (after the filter)
  Integer scannedCount | items evaluated (before the filter)
  Map<String, AttributeValue> lastEvaluatedKey | where the next page starts, or null at the end
  ConsumedCapacity consumedCapacity | the capacity consumed, when asked

ScanRequest | Scan's request.
  String tableName | the table name or ARN
  String indexName | the index to scan, or null for the table
  List<String> attributesToGet | the legacy projection, or null
  Integer limit | at most this many items evaluated, or null
  String select | ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES or COUNT, or null
  Map<String, Condition> scanFilter | the legacy filter, or null
  String conditionalOperator | AND or OR for the legacy filter, or null
  Map<String, AttributeValue> exclusiveStartKey | where to continue, or null
  String returnConsumedCapacity | NONE, TOTAL or INDEXES, or null
  Integer totalSegments | the number of parallel segments, or null
  Integer segment | this segment, or null
  String projectionExpression | the attributes to return, or null
  String filterExpression | a filter applied after reading, or null
  Map<String, String> expressionAttributeNames | name placeholders, or null
  Map<String, AttributeValue> expressionAttributeValues | value placeholders, or null
  Boolean consistentRead | strongly consistent when true

ScanResponse | Scan's response.
  List<Map<String, AttributeValue>> items | the items, or null with Select COUNT
  Integer count | items returned (after the filter)
  Integer scannedCount | items evaluated (before the filter)
  Map<String, AttributeValue> lastEvaluatedKey | where the next page starts, or null at the end
  ConsumedCapacity consumedCapacity | the capacity consumed, when asked
KeysAndAttributes | The keys to read from one table in a BatchGetItem, and how.
  List<Map<String, AttributeValue>> keys | the primary keys
  List<String> attributesToGet | the legacy projection, or null
  Boolean consistentRead | strongly consistent when true
  String projectionExpression | the attributes to return, or null
  Map<String, String> expressionAttributeNames | name placeholders, or null

BatchGetItemRequest | BatchGetItem's request.
  Map<String, KeysAndAttributes> requestItems | per table (name or ARN), the keys to read
  String returnConsumedCapacity | NONE, TOTAL or INDEXES, or null

BatchGetItemResponse | BatchGetItem's response.
  Map<String, List<Map<String, AttributeValue>>> responses | per table, the items found
  Map<String, KeysAndAttributes> unprocessedKeys | what was not read, to be asked again
  List<ConsumedCapacity> consumedCapacity | per table, when asked

PutRequest | A put inside BatchWriteItem.
  Map<String, AttributeValue> item | the item

DeleteRequest | A delete inside BatchWriteItem.
  Map<String, AttributeValue> key | the primary key

WriteRequest | One request of a BatchWriteItem: exactly one of the two.
  PutRequest putRequest | a put, or null
  DeleteRequest deleteRequest | a delete, or null

BatchWriteItemRequest | BatchWriteItem's request.
  Map<String, List<WriteRequest>> requestItems | per table (name or ARN), the writes
  String returnConsumedCapacity | NONE, TOTAL or INDEXES, or null
  String returnItemCollectionMetrics | NONE or SIZE, or null

BatchWriteItemResponse | BatchWriteItem's response.
  Map<String, List<WriteRequest>> unprocessedItems | what was not written, to be sent again
  List<ConsumedCapacity> consumedCapacity | per table, when asked
  Map<String, List<ItemCollectionMetrics>> itemCollectionMetrics | per table, when asked

ConditionCheck | A condition on an item inside TransactWriteItems.
  Map<String, AttributeValue> key | the primary key
  String tableName | the table name or ARN
  String conditionExpression | the condition
  Map<String, String> expressionAttributeNames | name placeholders, or null
  Map<String, AttributeValue> expressionAttributeValues | value placeholders, or null
  String returnValuesOnConditionCheckFailure | NONE or ALL_OLD, or null

Put | A put inside TransactWriteItems.
  Map<String, AttributeValue> item | the item
  String tableName | the table name or ARN
  String conditionExpression | a condition, or null
  Map<String, String> expressionAttributeNames | name placeholders, or null
  Map<String, AttributeValue> expressionAttributeValues | value placeholders, or null
  String returnValuesOnConditionCheckFailure | NONE or ALL_OLD, or null

Delete | A delete inside TransactWriteItems.
  Map<String, AttributeValue> key | the primary key
  String tableName | the table name or ARN
  String conditionExpression | a condition, or null
  Map<String, String> expressionAttributeNames | name placeholders, or null
  Map<String, AttributeValue> expressionAttributeValues | value placeholders, or null
  String returnValuesOnConditionCheckFailure | NONE or ALL_OLD, or null

Update | An update inside TransactWriteItems.
  Map<String, AttributeValue> key | the primary key
  String updateExpression | the update
  String tableName | the table name or ARN
  String conditionExpression | a condition, or null
  Map<String, String> expressionAttributeNames | name placeholders, or null
  Map<String, AttributeValue> expressionAttributeValues | value placeholders, or null
  String returnValuesOnConditionCheckFailure | NONE or ALL_OLD, or null

TransactWriteItem | One action of TransactWriteItems: exactly one of the four.
  ConditionCheck conditionCheck | a condition check, or null
  Put put | a put, or null
  Delete delete | a delete, or null
  Update update | an update, or null

TransactWriteItemsRequest | TransactWriteItems' request.
  List<TransactWriteItem> transactItems | the actions, at most 100
  String returnConsumedCapacity | NONE, TOTAL or INDEXES, or null
  String returnItemCollectionMetrics | NONE or SIZE, or null
  String clientRequestToken | an idempotency token, or null

TransactWriteItemsResponse | TransactWriteItems' response.
  List<ConsumedCapacity> consumedCapacity | per table, when asked
  Map<String, List<ItemCollectionMetrics>> itemCollectionMetrics | per table, when asked

Get | A read inside TransactGetItems.
  Map<String, AttributeValue> key | the primary key
  String tableName | the table name or ARN
  String projectionExpression | the attributes to return, or null
  Map<String, String> expressionAttributeNames | name placeholders, or null

TransactGetItem | One read of TransactGetItems.
  Get get | the read

TransactGetItemsRequest | TransactGetItems' request.
  List<TransactGetItem> transactItems | the reads, at most 100
  String returnConsumedCapacity | NONE, TOTAL or INDEXES, or null

ItemResponse | One result of TransactGetItems.
  Map<String, AttributeValue> item | the item, or null if there is none

TransactGetItemsResponse | TransactGetItems' response.
  List<ConsumedCapacity> consumedCapacity | per table, when asked
  List<ItemResponse> responses | one per read, in request order

ExecuteStatementRequest | ExecuteStatement's request: one PartiQL statement.
  String statement | the PartiQL statement
  List<AttributeValue> parameters | the values of its ? parameters, in order, or null
  Boolean consistentRead | strongly consistent when true
  String nextToken | where a SELECT continues, or null
  String returnConsumedCapacity | NONE, TOTAL or INDEXES, or null
  Integer limit | at most this many items evaluated, or null
  String returnValuesOnConditionCheckFailure | NONE or ALL_OLD, or null

ExecuteStatementResponse | ExecuteStatement's response.
  List<Map<String, AttributeValue>> items | the items read, or returned by a write's RETURNING
  String nextToken | where the next page of a SELECT starts, or null at the end
  ConsumedCapacity consumedCapacity | the capacity consumed, when asked
  Map<String, AttributeValue> lastEvaluatedKey | the key of the last item evaluated when a SELECT stopped early, or null

BatchStatementRequest | One statement of BatchExecuteStatement.
  String statement | the PartiQL statement
  List<AttributeValue> parameters | the values of its ? parameters, in order, or null
  Boolean consistentRead | strongly consistent when true
  String returnValuesOnConditionCheckFailure | NONE or ALL_OLD, or null

BatchExecuteStatementRequest | BatchExecuteStatement's request.
  List<BatchStatementRequest> statements | the statements, at most 25: all reads or all writes
  String returnConsumedCapacity | NONE, TOTAL or INDEXES, or null

BatchStatementError | Why one statement of BatchExecuteStatement failed.
  String code | ConditionalCheckFailed, ValidationError, ResourceNotFound, DuplicateItem ...
  String message | the message
  Map<String, AttributeValue> item | the item as it was, when asked for with ALL_OLD, or null

BatchStatementResponse | The outcome of one statement of BatchExecuteStatement.
  BatchStatementError error | why it failed, or null
  String tableName | the statement's table, or null
  Map<String, AttributeValue> item | the item a read found, or null

BatchExecuteStatementResponse | BatchExecuteStatement's response.
  List<BatchStatementResponse> responses | one per statement, in request order
  List<ConsumedCapacity> consumedCapacity | per table, when asked

ParameterizedStatement | One statement of ExecuteTransaction.
  String statement | the PartiQL statement
  List<AttributeValue> parameters | the values of its ? parameters, in order, or null
  String returnValuesOnConditionCheckFailure | NONE or ALL_OLD, or null

ExecuteTransactionRequest | ExecuteTransaction's request.
  List<ParameterizedStatement> transactStatements | the statements, at most 100: all reads or all writes
  String clientRequestToken | an idempotency token, or null
  String returnConsumedCapacity | NONE, TOTAL or INDEXES, or null

ExecuteTransactionResponse | ExecuteTransaction's response.
  List<ItemResponse> responses | for reads, one per statement in request order; null for writes
  List<ConsumedCapacity> consumedCapacity | per table, when asked

StreamSpecification | Whether a table has a stream, and what its records hold.
  Boolean streamEnabled | whether the stream is enabled
  String streamViewType | KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES while enabled, else null

Stream | One stream, as ListStreams lists it.
  String streamArn | the stream's ARN
  String tableName | the table whose changes it holds
  String streamLabel | a timestamp that tells the table's streams apart

ListStreamsRequest | ListStreams' request.
  String tableName | only this table's streams, or null for every stream
  Integer limit | at most this many streams (1 to 100), or null for 100
  String exclusiveStartStreamArn | continue after this stream, or null

ListStreamsResponse | ListStreams' response.
  List<Stream> streams | the streams, in order
  String lastEvaluatedStreamArn | where the next page starts, or null at the end

SequenceNumberRange | The sequence numbers a shard spans.
  String startingSequenceNumber | the first
  String endingSequenceNumber | the last once the shard is closed, or null while it is open

Shard | One shard of a stream: a run of its records, in order.
  String shardId | the shard's id
  SequenceNumberRange sequenceNumberRange | the sequence numbers it spans
  String parentShardId | the shard it follows (to be read first), or null

ShardFilter | Which shards DescribeStream lists.
  String type | CHILD_SHARDS
  String shardId | the shard whose children are listed

DescribeStreamRequest | DescribeStream's request.
  String streamArn | the stream's ARN
  Integer limit | at most this many shards (1 to 100), or null for 100
  String exclusiveStartShardId | continue after this shard, or null
  ShardFilter shardFilter | only the children of a shard, or null for every shard

StreamDescription | A stream as DescribeStream describes it.
  String streamArn | the stream's ARN
  String streamLabel | a timestamp that tells the table's streams apart
  String streamStatus | ENABLING, ENABLED, DISABLING or DISABLED
  String streamViewType | KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES
  java.time.Instant creationRequestDateTime | when the stream was enabled
  String tableName | the table whose changes it holds
  List<KeySchemaElement> keySchema | the table's key schema
  List<Shard> shards | the shards, parents before children
  String lastEvaluatedShardId | where the next page of shards starts, or null at the end

DescribeStreamResponse | DescribeStream's response.
  StreamDescription streamDescription | the stream

GetShardIteratorRequest | GetShardIterator's request.
  String streamArn | the stream's ARN
  String shardId | the shard to read
  String shardIteratorType | TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER
  String sequenceNumber | with AT_ or AFTER_SEQUENCE_NUMBER, where to start, else null

GetShardIteratorResponse | GetShardIterator's response.
  String shardIterator | where to read, valid for 15 minutes

Identity | Who made a change when it was not a caller: DynamoDB itself, for a TTL deletion.
  String principalId | dynamodb.amazonaws.com
  String type | Service

StreamRecord | What one stream record says of an item change.
  java.time.Instant approximateCreationDateTime | when the change was made, to the second
  Map<String, AttributeValue> keys | the item's key attributes
  Map<String, AttributeValue> newImage | the item after the change, when the view type holds it, else null
  Map<String, AttributeValue> oldImage | the item before the change, when the view type holds it, else null
  String sequenceNumber | the record's place in its shard: a numeric string, increasing
  Long sizeBytes | the record's size in bytes
  String streamViewType | the stream's view type

Record | One stream record. Its wire names are DynamoDB Streams' lower camel case ones.
  String eventID | a unique id of the record
  String eventName | INSERT, MODIFY or REMOVE
  String eventVersion | the record format's version
  String eventSource | aws:dynamodb
  String awsRegion | the region of the table
  StreamRecord dynamodb | the change
  Identity userIdentity | who made the change when DynamoDB did (a TTL deletion), else null

GetRecordsRequest | GetRecords' request.
  String shardIterator | where to read
  Integer limit | at most this many records (1 to 1000), or null for 1000

GetRecordsResponse | GetRecords' response.
  List<Record> records | the records, in order
  String nextShardIterator | where to read next, or null once a closed shard is read to its end

# ---- exports to and imports from object storage
IncrementalExportSpecification | The window and view of an incremental export.
  java.time.Instant exportFromTime | the window's start, inclusive
  java.time.Instant exportToTime | the window's end, exclusive
  String exportViewType | NEW_IMAGE or NEW_AND_OLD_IMAGES (the default)

ExportDescription | An export and where it went.
  String exportArn | the export's ARN: the table's, then /export/ and the export's id
  String exportStatus | IN_PROGRESS, COMPLETED or FAILED
  java.time.Instant startTime | when it was asked for
  java.time.Instant endTime | when it finished, or null while running
  String exportManifest | the key of its manifest-summary.json, once COMPLETED
  String tableArn | the table exported
  String tableId | the table's id
  java.time.Instant exportTime | the instant of the table exported
  String clientToken | the idempotency token
  String s3Bucket | the bucket written to
  String s3BucketOwner | the bucket's owner account, or null
  String s3Prefix | the key prefix, or null
  String s3SseAlgorithm | AES256 or KMS, or null
  String s3SseKmsKeyId | the KMS key, or null
  String failureCode | why it failed, or null
  String failureMessage | why it failed, for people, or null
  String exportFormat | DYNAMODB_JSON, ION or a plugin's format name
  Long billedSizeBytes | the size of the items exported, once COMPLETED
  Long itemCount | the number of items exported, once COMPLETED
  String exportType | FULL_EXPORT or INCREMENTAL_EXPORT, or null when the request named none
  IncrementalExportSpecification incrementalExportSpecification | an incremental export's window, or null

ExportSummary | One export, as ListExports lists it.
  String exportArn | the export's ARN
  String exportStatus | IN_PROGRESS, COMPLETED or FAILED
  String exportType | FULL_EXPORT or INCREMENTAL_EXPORT, or null

ExportTableToPointInTimeRequest | ExportTableToPointInTime's request.
  String tableArn | the table's ARN
  java.time.Instant exportTime | the instant to export, or null for now
  String clientToken | the idempotency token, or null
  String s3Bucket | the bucket to write to
  String s3BucketOwner | the bucket's owner account, or null
  String s3Prefix | the key prefix, or null
  String s3SseAlgorithm | AES256 or KMS, or null
  String s3SseKmsKeyId | the KMS key, or null
  String exportFormat | DYNAMODB_JSON (the default), ION or a plugin's format name
  String exportType | FULL_EXPORT (the default) or INCREMENTAL_EXPORT
  IncrementalExportSpecification incrementalExportSpecification | an incremental export's window, or null

ExportTableToPointInTimeResponse | ExportTableToPointInTime's response.
  ExportDescription exportDescription | the export, IN_PROGRESS

DescribeExportRequest | DescribeExport's request.
  String exportArn | the export's ARN

DescribeExportResponse | DescribeExport's response.
  ExportDescription exportDescription | the export

ListExportsRequest | ListExports' request.
  String tableArn | only this table's exports, or null for all
  Integer maxResults | at most this many (1 to 25), or null
  String nextToken | where to continue, from a previous response, or null

ListExportsResponse | ListExports' response.
  List<ExportSummary> exportSummaries | the exports, oldest first
  String nextToken | where the next page starts, or null at the end

S3BucketSource | Where an import reads from.
  String s3BucketOwner | the bucket's owner account, or null
  String s3Bucket | the bucket
  String s3KeyPrefix | the key prefix of the objects to import, or null for all

CsvOptions | How CSV input is read.
  String delimiter | one of , ; : | tab or space; a comma by default
  List<String> headerList | the column names, when the files have no header line

InputFormatOptions | Options of an import's input format.
  CsvOptions csv | CSV's options

TableCreationParameters | The table an import creates.
  String tableName | the new table's name
  List<AttributeDefinition> attributeDefinitions | its key attributes' types
  List<KeySchemaElement> keySchema | its key schema
  String billingMode | PROVISIONED or PAY_PER_REQUEST
  ProvisionedThroughput provisionedThroughput | its throughput, when PROVISIONED
  OnDemandThroughput onDemandThroughput | its maximum request units, or null
  SseSpecification sseSpecification | its encryption, or null
  List<GlobalSecondaryIndex> globalSecondaryIndexes | its global secondary indexes, or null

ImportTableDescription | An import and the table it creates.
  String importArn | the import's ARN: the table's, then /import/ and the import's id
  String importStatus | IN_PROGRESS, COMPLETED, CANCELLING, CANCELLED or FAILED
  String tableArn | the new table's ARN
  String tableId | the new table's id
  String clientToken | the idempotency token
  S3BucketSource s3BucketSource | where it reads from
  Long errorCount | the items that could not be imported
  String cloudWatchLogGroupArn | where errors are logged, or null
  String inputFormat | DYNAMODB_JSON, ION or CSV
  InputFormatOptions inputFormatOptions | the format's options, or null
  String inputCompressionType | GZIP, ZSTD or NONE
  TableCreationParameters tableCreationParameters | the table it creates
  java.time.Instant startTime | when it was asked for
  java.time.Instant endTime | when it finished, or null while running
  Long processedSizeBytes | the uncompressed bytes read, once finished
  Long processedItemCount | the items read (imported and in error), once finished
  Long importedItemCount | the items imported, once finished
  String failureCode | why it failed, or null
  String failureMessage | why it failed, for people, or null

ImportSummary | One import, as ListImports lists it.
  String importArn | the import's ARN
  String importStatus | IN_PROGRESS, COMPLETED, CANCELLING, CANCELLED or FAILED
  String tableArn | the new table's ARN
  S3BucketSource s3BucketSource | where it reads from
  String cloudWatchLogGroupArn | where errors are logged, or null
  String inputFormat | DYNAMODB_JSON, ION or CSV
  java.time.Instant startTime | when it was asked for
  java.time.Instant endTime | when it finished, or null while running

ImportTableRequest | ImportTable's request.
  String clientToken | the idempotency token, or null
  S3BucketSource s3BucketSource | where to read from
  String inputFormat | DYNAMODB_JSON, ION or CSV
  InputFormatOptions inputFormatOptions | the format's options, or null
  String inputCompressionType | GZIP, ZSTD or NONE (the default)
  TableCreationParameters tableCreationParameters | the table to create

ImportTableResponse | ImportTable's response.
  ImportTableDescription importTableDescription | the import, IN_PROGRESS

DescribeImportRequest | DescribeImport's request.
  String importArn | the import's ARN

DescribeImportResponse | DescribeImport's response.
  ImportTableDescription importTableDescription | the import

ListImportsRequest | ListImports' request.
  String tableArn | only the imports into this table, or null for all
  Integer pageSize | at most this many (1 to 25), or null
  String nextToken | where to continue, from a previous response, or null

ListImportsResponse | ListImports' response.
  List<ImportSummary> importSummaryList | the imports, oldest first
  String nextToken | where the next page starts, or null at the end

Replica | A Region of a global table (version 2017.11.29).
  String regionName | the Region

CreateReplicaAction | A Region to add to a global table (version 2017.11.29).
  String regionName | the Region

DeleteReplicaAction | A Region to remove from a global table (version 2017.11.29).
  String regionName | the Region

ReplicaUpdate | One change to a global table's Regions (version 2017.11.29): exactly one of the two.
  CreateReplicaAction create | a Region to add, or null
  DeleteReplicaAction delete | a Region to remove, or null

GlobalTableDescription | A global table (version 2017.11.29) as its operations describe it.
  List<ReplicaDescription> replicationGroup | its Regions
  String globalTableArn | its ARN
  java.time.Instant creationDateTime | when it was created
  String globalTableStatus | CREATING, ACTIVE, DELETING or UPDATING
  String globalTableName | its name, the name of its table in every Region

GlobalTable | A global table (version 2017.11.29) as ListGlobalTables lists it.
  String globalTableName | its name
  List<Replica> replicationGroup | its Regions

CreateGlobalTableRequest | CreateGlobalTable's request.
  String globalTableName | the name of the tables to join
  List<Replica> replicationGroup | the Regions, each with an empty table of that name

CreateGlobalTableResponse | CreateGlobalTable's response.
  GlobalTableDescription globalTableDescription | the new global table

DescribeGlobalTableRequest | DescribeGlobalTable's request.
  String globalTableName | the global table's name

DescribeGlobalTableResponse | DescribeGlobalTable's response.
  GlobalTableDescription globalTableDescription | the global table

ListGlobalTablesRequest | ListGlobalTables' request.
  String exclusiveStartGlobalTableName | continue after this name, or null
  Integer limit | at most this many, or null
  String regionName | only global tables with a replica in this Region, or null for all

ListGlobalTablesResponse | ListGlobalTables' response.
  List<GlobalTable> globalTables | the global tables, by name
  String lastEvaluatedGlobalTableName | where the next page starts, or null at the end

UpdateGlobalTableRequest | UpdateGlobalTable's request.
  String globalTableName | the global table's name
  List<ReplicaUpdate> replicaUpdates | Regions to add or remove

UpdateGlobalTableResponse | UpdateGlobalTable's response.
  GlobalTableDescription globalTableDescription | the global table after the change

ReplicaGlobalSecondaryIndexSettingsDescription | A global secondary index's capacity in one Region of a global table (version 2017.11.29).
  String indexName | the index name
  String indexStatus | CREATING, UPDATING, DELETING or ACTIVE
  Long provisionedReadCapacityUnits | its read capacity units (0 on an on-demand table)
  Long provisionedWriteCapacityUnits | its write capacity units (0 on an on-demand table)

ReplicaSettingsDescription | One Region's settings of a global table (version 2017.11.29).
  String regionName | the Region
  String replicaStatus | CREATING, UPDATING, DELETING or ACTIVE
  BillingModeSummary replicaBillingModeSummary | the replica's billing mode
  Long replicaProvisionedReadCapacityUnits | its read capacity units (0 on an on-demand table)
  Long replicaProvisionedWriteCapacityUnits | its write capacity units (0 on an on-demand table)
  List<ReplicaGlobalSecondaryIndexSettingsDescription> replicaGlobalSecondaryIndexSettings | its indexes' capacity
  TableClassSummary replicaTableClassSummary | its table class, or null when never set

DescribeGlobalTableSettingsRequest | DescribeGlobalTableSettings' request.
  String globalTableName | the global table's name

DescribeGlobalTableSettingsResponse | DescribeGlobalTableSettings' response.
  String globalTableName | the global table's name
  List<ReplicaSettingsDescription> replicaSettings | each Region's settings

GlobalTableGlobalSecondaryIndexSettingsUpdate | New write capacity of a global secondary index in every Region.
  String indexName | the index name
  Long provisionedWriteCapacityUnits | its new write capacity units

ReplicaGlobalSecondaryIndexSettingsUpdate | New read capacity of a global secondary index in one Region.
  String indexName | the index name
  Long provisionedReadCapacityUnits | its new read capacity units

ReplicaSettingsUpdate | New settings of one Region of a global table (version 2017.11.29).
  String regionName | the Region
  Long replicaProvisionedReadCapacityUnits | its new read capacity units, or null
  List<ReplicaGlobalSecondaryIndexSettingsUpdate> replicaGlobalSecondaryIndexSettingsUpdate | its indexes' new read capacity, or null
  String replicaTableClass | its new table class, or null

UpdateGlobalTableSettingsRequest | UpdateGlobalTableSettings' request.
  String globalTableName | the global table's name
  String globalTableBillingMode | the new billing mode of every replica, or null
  Long globalTableProvisionedWriteCapacityUnits | the new write capacity units of every replica, or null
  List<GlobalTableGlobalSecondaryIndexSettingsUpdate> globalTableGlobalSecondaryIndexSettingsUpdate | indexes' new write capacity, or null
  List<ReplicaSettingsUpdate> replicaSettingsUpdate | each Region's new settings, or null

UpdateGlobalTableSettingsResponse | UpdateGlobalTableSettings' response.
  String globalTableName | the global table's name
  List<ReplicaSettingsDescription> replicaSettings | each Region's settings after the change
"""

def parse(spec):
    recs = []
    cur = None
    for line in spec.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            name, doc = [s.strip() for s in line.split("|", 1)]
            cur = {"name": name, "doc": doc, "fields": []}
            recs.append(cur)
        else:
            decl, doc = [s.strip() for s in line.split("|", 1)]
            if decl.startswith("+ "):
                # a field added after the record was published: a constructor without the added fields stays
                decl = decl[2:].strip()
                cur.setdefault("since", len(cur["fields"]))
            t, n = decl.rsplit(" ", 1)
            cur["fields"].append((t, n, doc))
    return recs

def copy_expr(t, n):
    if t.startswith("List<"):
        return f"{n} = {n} == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>({n}));"
    if t.startswith("Map<"):
        return f"{n} = {n} == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>({n}));"
    return None

def gen(r):
    name, fields = r["name"], r["fields"]
    imports = set()
    body = " ".join(t for t, _, _ in fields)
    if "List<" in body: imports.add("java.util.List")
    if "Map<" in body: imports.add("java.util.Map")
    if "AttributeValue" in re.sub(r"\w+AttributeValue\w*|AttributeValueUpdate", "", body) or "AttributeValue>" in body: imports.add("floe.api.AttributeValue")
    imp = "".join("import " + i + ";\n" for i in sorted(imports | {"floe.api.Stability"}))
    params = ",\n        ".join(f"{t} {n}" for t, n, _ in fields)
    pdoc = "\n".join(" * @param " + n + " " + d for _, n, d in fields)
    copies = [copy_expr(t, n) for t, n, _ in fields]
    copies = [c for c in copies if c]
    compact = ""
    since = r.get("since")
    if since is not None:
        kept = fields[:since]
        added = fields[since:]
        kparams = ", ".join(f"{t} {n}" for t, n, _ in kept)
        kargs = ", ".join([n for _, n, _ in kept] + ["null"] * len(added))
        kdoc = "\n".join("     * @param " + n + " " + d for _, n, d in kept)
        compact += f"""    /**
     * The form from before {", ".join(n for _, n, _ in added)} existed: {"it is" if len(added) == 1 else "they are"} null.
     *
{kdoc}
     */
    public {name}({kparams}) {{
        this({kargs});
    }}

"""
    if copies:
        lines = "".join("        " + c + "\n" for c in copies)
        compact = "    /** Copies collections, which stay unmodifiable. */\n    public " + name + " {\n" + lines + "    }\n\n" + compact
    builder = ""
    if len(fields) > 1:
        setters = "".join(f"""
        /** @param {n} {d}
         *  @return this builder */
        public Builder {n}({t} {n}) {{
            this.{n} = {n};
            return this;
        }}
""" for t, n, d in fields)
        decls = "".join("        private " + t + " " + n + ";\n" for t, n, _ in fields)
        args = ", ".join(n for _, n, _ in fields)
        seeds = "".join(f"        b.{n} = {n};\n" for _, n, _ in fields)
        builder = f"""    /** A builder with every component unset. */
    public static Builder builder() {{
        return new Builder();
    }}

    /** A builder seeded with this record's components. */
    public Builder toBuilder() {{
        Builder b = new Builder();
{seeds}        return b;
    }}

    /** Builds a {{@link {name}}}. */
    @Stability(Stability.Level.STABLE)
    public static final class Builder {{
{decls}
        private Builder() {{}}
{setters}
        /** @return the record */
        public {name} build() {{
            return new {name}({args});
        }}
    }}
"""
    text = f"""package floe.api.model;

{imp}
/**
 * {r["doc"]}
 *
{pdoc}
 */
@Stability(Stability.Level.STABLE)
public record {name}(
        {params}) {{
{compact}{builder}}}
"""
    if not fields:
        text = text.replace(" *\n\n */", " */").replace("(\n        ) {", "() {")
    text = re.sub(r"\n\n\n+", "\n\n", text).replace("{\n\n}", "{\n}").replace(" {\n}\n", " {}\n")
    return text

# Hand-written records of the api model that the wire codec also covers.
WIRE_ONLY = r"""
Condition | legacy condition
  String comparisonOperator | x
  List<AttributeValue> attributeValueList | x

ExpectedAttributeValue | legacy expectation
  AttributeValue value | x
  Boolean exists | x
  String comparisonOperator | x
  List<AttributeValue> attributeValueList | x

AttributeValueUpdate | legacy update
  AttributeValue value | x
  String action | x
"""

SCALARS = {"String": "string", "Long": "longValue", "Integer": "integer", "Double": "doubleValue",
           "Boolean": "bool", "java.time.Instant": "instant"}
SCALAR_WRITERS = {"String": "Json::writeString", "Long": "Json::writeLong", "Integer": "Json::writeInteger",
                  "Double": "Json::writeDouble", "Boolean": "Json::writeBoolean", "java.time.Instant": "Json::writeInstant"}

def split_type(t):
    """('List', [inner]) / ('Map', [value]) / (t, [])"""
    m = re.fullmatch(r"(List|Map)<(.*)>", t)
    if not m:
        return t, []
    inner = m.group(2)
    if m.group(1) == "Map":
        inner = inner.split(",", 1)[1].strip()
    return m.group(1), [inner]

def reader(t, depth=0):
    kind, args = split_type(t)
    if kind == "List":
        return f"q{depth} -> Json.list(q{depth}, {reader(args[0], depth + 1)})"
    if kind == "Map":
        return f"q{depth} -> Json.map(q{depth}, {reader(args[0], depth + 1)})"
    if kind in SCALARS:
        return "Json::" + SCALARS[kind]
    if kind == "AttributeValue":
        return "AttributeValueJson::read"
    return "ModelJson::read" + kind

def writer(t, depth=0):
    kind, args = split_type(t)
    if kind == "List":
        return f"(g{depth}, v{depth}) -> Json.writeList(g{depth}, v{depth}, {writer(args[0], depth + 1)})"
    if kind == "Map":
        return f"(g{depth}, v{depth}) -> Json.writeMap(g{depth}, v{depth}, {writer(args[0], depth + 1)})"
    if kind in SCALAR_WRITERS:
        return SCALAR_WRITERS[kind]
    if kind == "AttributeValue":
        return "AttributeValueJson::write"
    return "ModelJson::write"

def call_reader(t):
    r = reader(t)
    if r.startswith("q0 -> "):
        return r[len("q0 -> "):].replace("(q0,", "(p,", 1)
    return r.replace("::", ".", 1) + "(p)"

def call_writer(t, value):
    w = writer(t)
    if w.startswith("(g0, v0) -> "):
        return w[len("(g0, v0) -> "):].replace("(g0, v0,", "(g, " + value + ",", 1)
    return w.replace("::", ".", 1) + "(g, " + value + ")"

# Records whose members DynamoDB names in lower camel case on the wire (DynamoDB Streams' Record),
# unlike every other record, whose wire names start with a capital.
VERBATIM_WIRE_NAMES = {"Record"}

# Wire names that are not the field name capitalised (DynamoDB spells these acronyms in capitals).
JSON_NAMES = {"sseSpecification": "SSESpecification", "sseDescription": "SSEDescription", "sseType": "SSEType",
              "kmsMasterKeyId": "KMSMasterKeyId", "sseSpecificationOverride": "SSESpecificationOverride", "kmsMasterKeyArn": "KMSMasterKeyArn"}

def json_name(record, n):
    return n if record in VERBATIM_WIRE_NAMES else JSON_NAMES.get(n, n[0].upper() + n[1:])

JAVA_LANG_NAMES = {"Record"}  # model names java.lang also declares

def operations(recs):
    """The operations: each XRequest that has an XResponse beside it, by X, in spec order."""
    names = {r["name"] for r in recs}
    return [r["name"][:-len("Request")] for r in recs
            if r["name"].endswith("Request") and r["name"][:-len("Request")] + "Response" in names]

def reachable(recs, roots):
    """The records the roots are made of, the roots included: what reading or writing them touches."""
    by_name = {r["name"]: r for r in recs}
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for t, _, _ in by_name[name]["fields"]:
            todo.extend(w for w in re.findall(r"[\w.]+", t) if w in by_name)
    return seen

# Members whose attribute values DynamoDB reports in context when one is invalid
# ("The provided starting key is invalid: ...", "ExpressionAttributeValues contains invalid value: ... for key :v").
FIELD_READERS = {"exclusiveStartKey": "AttributeValueJson.readStartKey(p)",
                 "expressionAttributeValues": "AttributeValueJson.readExpressionValues(p)"}

def gen_json(recs):
    ops = operations(recs)
    reads = reachable(recs, [op + "Request" for op in ops])
    writes = reachable(recs, [op + "Response" for op in ops])
    out = []
    for r in recs:
        name, fields = r["name"], r["fields"]
        cases = "".join(f"""                case "{json_name(name, n)}" -> {n} = {FIELD_READERS.get(n, call_reader(t))};
""" for t, n, _ in fields)
        decls = "".join(f"        {t} {n} = null;\n" for t, n, _ in fields)
        args = ", ".join(n for _, n, _ in fields)
        if name in reads:
            out.append(f"""
    /** Reads a {{@code {name}}} object, or null for JSON null. */
    static {name} read{name}(JsonParser p) throws IOException {{
        if (!Json.startObject(p)) {{
            return null;
        }}
{decls}        while (Json.nextField(p)) {{
            switch (p.currentName()) {{
{cases}                default -> p.skipChildren();
            }}
        }}
        return new {name}({args});
    }}
""")
        puts = "".join(f"""        if (v.{n}() != null) {{
            g.writeFieldName("{json_name(name, n)}");
            {call_writer(t, "v." + n + "()")};
        }}
""" for t, n, _ in fields)
        if name in writes:
            out.append(f"""
    /** Writes a {{@code {name}}} as a JSON object. */
    static void write(JsonGenerator g, {name} v) throws IOException {{
        g.writeStartObject();
{puts}        g.writeEndObject();
    }}
""")
    # a model record named like a java.lang type (Record) needs a single-type import to win over java.lang.*
    shadowing = "".join(f"import floe.api.model.{r['name']};\n" for r in recs if r["name"] in JAVA_LANG_NAMES)
    return f"""// Generated by tools/gen-records.py from its spec; edit the spec, not this file.
// spotless:off (the build checks this file against its generator, byte for byte)
package floe.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import floe.api.AttributeValue;
import floe.api.model.*;
{shadowing}import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB's JSON names for the records of the api model, with Jackson's streaming
 * API: no intermediate tree. Only the directions the server uses exist: a reader for
 * each operation's request and the records in it, a writer for each response and the
 * records in it. Unknown fields are skipped, as DynamoDB skips them; JSON null is an
 * absent field.
 */
final class ModelJson {{
    private ModelJson() {{}}
{"".join(out)}}}
"""

HEADER = ("// Generated by tools/gen-records.py from its spec; edit the spec, not this file.\n"
          "// spotless:off (the build checks this file against its generator, byte for byte)\n")
FOOTER = "// spotless:on\n"

def generate():
    """Every generated file: path from the repository root -> its text."""
    recs = parse(SPEC)
    files = {os.path.join(OUT, r["name"] + ".java"): HEADER + gen(r) + FOOTER for r in recs}
    files[JSON_OUT] = gen_json(recs + parse(WIRE_ONLY)) + FOOTER
    return files

def stale(files, module):
    """Generated files on disk (by their header) under a module that the spec no longer makes."""
    found = []
    for d in (OUT, os.path.dirname(JSON_OUT)):
        if not d.startswith(module + "/") or not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            path = os.path.join(d, f)
            if path not in files and f.endswith(".java"):
                with open(path, encoding="utf-8") as h:
                    if h.readline() == HEADER.splitlines(keepends=True)[0]:
                        found.append(path)
    return found

def check(modules):
    """Compares what the spec makes with the committed files of the modules; True if all are equal."""
    files = generate()
    bad, report = [], []
    for path, text in files.items():
        if not any(path.startswith(m + "/") for m in modules):
            continue
        try:
            with open(path, encoding="utf-8", newline="") as f:
                have = f.read()
        except FileNotFoundError:
            have = None
        if have != text:
            bad.append(path)
            if have is None:
                report.append(f"  missing: {path}")
            elif len(bad) <= 3:  # the first few files' diffs tell enough
                diff = list(difflib.unified_diff(text.splitlines(), have.splitlines(), "generated/" + path,
                                                 "committed/" + path, n=1, lineterm=""))
                report.extend("  " + line for line in diff[:30])
                if len(diff) > 30:
                    report.append(f"  ... {len(diff) - 30} more diff lines")
    for m in modules:
        for path in stale(files, m):
            bad.append(path)
            report.append(f"  not made by the spec (a record removed from it?): {path}")
    if bad:
        print(f"ERROR: {len(bad)} generated file(s) differ from what tools/gen-records.py makes from its spec:\n"
              + "".join(f"  {p}\n" for p in bad) + "\n".join(report) + """

Generated files are not edited by hand: change the spec in tools/gen-records.py, run
`python3 tools/gen-records.py` from the repository root and commit its output. If a
formatter changed them, keep them out of it (`python3 tools/gen-records.py --list`).""")
        return False
    n = sum(1 for p in files if any(p.startswith(m + "/") for m in modules))
    print(f"gen-records: {n} generated file(s) in {', '.join(modules)} match the spec")
    return True

if __name__ == "__main__":
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    args = sys.argv[1:]
    if args[:1] == ["--check"]:
        sys.exit(0 if check(args[1:] or ["api", "server"]) else 1)
    if args[:1] == ["--list"]:
        print("\n".join(sorted(generate())))
        sys.exit(0)
    if args:
        sys.exit("usage: gen-records.py [--check [module...] | --list]")
    files = generate()
    for path, text in files.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    for path in stale(files, "api") + stale(files, "server"):
        os.remove(path)
        print("removed " + path)
    print(f"ok: {len(files)} files")
