package floe.tck.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.Stability;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactGetItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The AWS SDK for Java v2's enhanced client against an endpoint: what an application written
 * with {@link DynamoDbEnhancedClient} and a {@link DynamoDbBean} does, from CreateTable to
 * DeleteTable. A server author runs it with one class that names the endpoint:
 *
 * <pre>
 * &#64;EnabledIfSystemProperty(named = "floe.tck.endpoint", matches = ".+")
 * class WireEnhancedClientTest extends EnhancedClientTck {
 *     &#64;Override
 *     protected URI endpoint() {
 *         return WireEndpoint.endpoint();
 *     }
 * }
 * </pre>
 *
 * <p>Unlike {@link WireEndpoint#open}, this suite leaves other tables alone: each test uses a
 * table of its own, with a unique name, and deletes it afterwards.
 */
@Stability(Stability.Level.EXPERIMENTAL)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class EnhancedClientTck {
    private DynamoDbClient client;
    private DynamoDbEnhancedClient enhanced;
    private DynamoDbTable<Track> table;

    /** The endpoint to test, e.g. {@code http://localhost:8000}. */
    protected abstract URI endpoint();

    @BeforeEach
    void connect(TestInfo test) {
        client = WireEndpoint.syncClient(endpoint());
        enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        String name = "enhanced-" + test.getTestMethod().map(Method::getName).orElse("test") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        table = enhanced.table(name, TableSchema.fromBean(Track.class));
    }

    @AfterEach
    void disconnect() {
        try {
            table.deleteTable();
        } catch (ResourceNotFoundException e) {
            // the test deleted it
        } finally {
            client.close();
        }
    }

    /** Creates the test's table through the enhanced API, and waits until it can be used. */
    private void createTable() {
        table.createTable();
        try (DynamoDbWaiter waiter = client.waiter()) {
            WaiterResponse<DescribeTableResponse> created =
                    waiter.waitUntilTableExists(b -> b.tableName(table.tableName()));
            assertTrue(created.matched().response().isPresent(), "the new table is described");
        }
    }

    private static Key key(String artist, String title) {
        return Key.builder().partitionValue(artist).sortValue(title).build();
    }

    private static List<String> titles(Iterable<Track> tracks) {
        List<String> titles = new ArrayList<>();
        tracks.forEach(t -> titles.add(t.getTitle()));
        return titles;
    }

    @Test
    void createPutGetDeleteItemAndDeleteTable() {
        createTable();
        assertEquals(table.tableName(), table.describeTable().table().tableName());
        Track full = Track.full("Miles", "So What");
        table.putItem(full);
        assertEquals(full, table.getItem(key("Miles", "So What")), "every attribute type comes back as it was put");
        assertNull(table.getItem(key("Miles", "Freddie Freeloader")));
        assertEquals(full, table.deleteItem(key("Miles", "So What")), "DeleteItem returns the old item");
        assertNull(table.getItem(key("Miles", "So What")));
        table.deleteTable();
        try (DynamoDbWaiter waiter = client.waiter()) {
            waiter.waitUntilTableNotExists(b -> b.tableName(table.tableName()));
        }
        assertThrows(ResourceNotFoundException.class, () -> table.describeTable());
    }

    @Test
    void updateItemWithIgnoreNullsChangesOnlyWhatIsSet() {
        createTable();
        Track full = Track.full("Miles", "Blue in Green");
        table.putItem(full);
        Track partial = Track.of("Miles", "Blue in Green", 99);
        // SCALAR_ONLY is the SDK's current spelling of ignoreNulls(true): null attributes are left as they are
        Track updated = table.updateItem(UpdateItemEnhancedRequest.builder(Track.class)
                .item(partial)
                .ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                .build());
        Track expected = Track.full("Miles", "Blue in Green");
        expected.setPlays(99);
        assertEquals(expected, updated, "UpdateItem returns the whole new item");
        assertEquals(expected, table.getItem(key("Miles", "Blue in Green")));
        Track replaced = table.updateItem(partial);
        assertEquals(partial, replaced, "without ignoreNulls, null attributes are removed");
        assertEquals(partial, table.getItem(key("Miles", "Blue in Green")));
    }

    @Test
    void queriesPageInSortOrderAndHonourSortConditions() {
        createTable();
        for (int i = 5; i >= 1; i--) {
            table.putItem(Track.of("Coltrane", "track-0" + i, i));
        }
        for (String title : List.of("demo-2", "live-1", "demo-1")) {
            table.putItem(Track.of("Monk", title, 1));
        }
        List<String> seen = new ArrayList<>();
        int pages = 0;
        for (Page<Track> page : table.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(
                        Key.builder().partitionValue("Coltrane").build()))
                .limit(2)
                .build())) {
            assertTrue(
                    page.items().size() <= 2,
                    "a page holds at most Limit items: " + page.items().size());
            seen.addAll(titles(page.items()));
            pages++;
        }
        assertEquals(
                List.of("track-01", "track-02", "track-03", "track-04", "track-05"),
                seen,
                "every item once, in sort order");
        assertEquals(3, pages, "5 items in pages of 2");
        assertEquals(
                List.of("track-02", "track-03", "track-04"),
                titles(table.query(QueryEnhancedRequest.builder()
                                .queryConditional(QueryConditional.sortBetween(
                                        key("Coltrane", "track-02"), key("Coltrane", "track-04")))
                                .build())
                        .items()));
        assertEquals(
                List.of("track-04", "track-03", "track-02"),
                titles(table.query(QueryEnhancedRequest.builder()
                                .queryConditional(QueryConditional.sortBetween(
                                        key("Coltrane", "track-02"), key("Coltrane", "track-04")))
                                .scanIndexForward(false)
                                .build())
                        .items()));
        assertEquals(
                List.of("demo-1", "demo-2"),
                titles(table.query(QueryEnhancedRequest.builder()
                                .queryConditional(QueryConditional.sortBeginsWith(key("Monk", "demo-")))
                                .build())
                        .items()));
    }

    @Test
    void scanWithAFilterExpression() {
        createTable();
        for (int i = 1; i <= 6; i++) {
            table.putItem(Track.of(i % 2 == 0 ? "Evans" : "Mingus", "take-" + i, i * 10));
        }
        Expression atLeast30 = Expression.builder()
                .expression("#p >= :min")
                .putExpressionName("#p", "plays")
                .putExpressionValue(":min", AttributeValue.fromN("30"))
                .build();
        Set<String> found = new HashSet<>(titles(table.scan(ScanEnhancedRequest.builder()
                        .filterExpression(atLeast30)
                        .build())
                .items()));
        assertEquals(Set.of("take-3", "take-4", "take-5", "take-6"), found);
        assertEquals(6, titles(table.scan().items()).size());
    }

    @Test
    void aConditionalPutWithAFalseConditionFails() {
        createTable();
        Track first = Track.of("Parker", "Ornithology", 1);
        table.putItem(first);
        Expression absent =
                Expression.builder().expression("attribute_not_exists(artist)").build();
        assertThrows(
                ConditionalCheckFailedException.class,
                () -> table.putItem(PutItemEnhancedRequest.builder(Track.class)
                        .item(Track.of("Parker", "Ornithology", 2))
                        .conditionExpression(absent)
                        .build()));
        assertEquals(first, table.getItem(key("Parker", "Ornithology")), "a failed condition writes nothing");
        table.putItem(PutItemEnhancedRequest.builder(Track.class)
                .item(Track.of("Parker", "Confirmation", 3))
                .conditionExpression(absent)
                .build());
        assertEquals(3, table.getItem(key("Parker", "Confirmation")).getPlays());
    }

    @Test
    void transactionsWriteAndReadThroughTheEnhancedApi() {
        createTable();
        table.putItem(Track.of("Davis", "to-update", 1));
        table.putItem(Track.of("Davis", "to-delete", 1));
        table.putItem(Track.of("Davis", "guard", 1));
        Expression exists =
                Expression.builder().expression("attribute_exists(artist)").build();
        enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(table, Track.of("Davis", "new", 7))
                .addUpdateItem(
                        table,
                        TransactUpdateItemEnhancedRequest.builder(Track.class)
                                .item(Track.of("Davis", "to-update", 8))
                                .ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                                .build())
                .addDeleteItem(table, key("Davis", "to-delete"))
                .addConditionCheck(
                        table,
                        ConditionCheck.builder()
                                .key(key("Davis", "guard"))
                                .conditionExpression(exists)
                                .build())
                .build());
        List<Track> read = new ArrayList<>();
        enhanced.transactGetItems(TransactGetItemsEnhancedRequest.builder()
                        .addGetItem(table, key("Davis", "new"))
                        .addGetItem(table, key("Davis", "to-update"))
                        .addGetItem(table, key("Davis", "to-delete"))
                        .build())
                .forEach(d -> read.add(d.getItem(table)));
        assertEquals(Track.of("Davis", "new", 7), read.get(0));
        assertEquals(Track.of("Davis", "to-update", 8), read.get(1));
        assertNull(read.get(2), "a read of a missing item gives nothing, in its place");

        TransactionCanceledException e = assertThrows(
                TransactionCanceledException.class,
                () -> enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                        .addPutItem(table, Track.of("Davis", "never", 1))
                        .addConditionCheck(
                                table,
                                ConditionCheck.builder()
                                        .key(key("Davis", "missing"))
                                        .conditionExpression(exists)
                                        .build())
                        .build()));
        assertEquals(
                List.of("None", "ConditionalCheckFailed"),
                e.cancellationReasons().stream().map(CancellationReason::code).collect(Collectors.toList()));
        assertNull(table.getItem(key("Davis", "never")), "nothing of a cancelled transaction is written");
    }

    @Test
    void batchWritesAndReads() {
        createTable();
        table.putItem(Track.of("Basie", "gone", 1));
        BatchWriteResult written = enhanced.batchWriteItem(BatchWriteItemEnhancedRequest.builder()
                .writeBatches(WriteBatch.builder(Track.class)
                        .mappedTableResource(table)
                        .addPutItem(Track.of("Basie", "one", 1))
                        .addPutItem(Track.of("Basie", "two", 2))
                        .addPutItem(Track.full("Basie", "three"))
                        .addDeleteItem(key("Basie", "gone"))
                        .build())
                .build());
        assertTrue(written.unprocessedPutItemsForTable(table).isEmpty());
        assertTrue(written.unprocessedDeleteItemsForTable(table).isEmpty());
        Set<Track> read = new LinkedHashSet<>();
        enhanced.batchGetItem(BatchGetItemEnhancedRequest.builder()
                        .readBatches(ReadBatch.builder(Track.class)
                                .mappedTableResource(table)
                                .addGetItem(key("Basie", "one"))
                                .addGetItem(key("Basie", "two"))
                                .addGetItem(key("Basie", "three"))
                                .addGetItem(key("Basie", "gone"))
                                .build())
                        .build())
                .resultsForTable(table)
                .forEach(read::add);
        assertEquals(
                Set.of(Track.of("Basie", "one", 1), Track.of("Basie", "two", 2), Track.full("Basie", "three")), read);
    }

    /**
     * A track, mapped by the enhanced client: partition key {@code artist}, sort key {@code title},
     * and one attribute of each common Java type.
     */
    @DynamoDbBean
    @Stability(Stability.Level.EXPERIMENTAL)
    public static final class Track {
        private String artist;
        private String title;
        private Integer plays;
        private Long durationMillis;
        private Boolean favourite;
        private List<String> tags;
        private Map<String, String> notes;
        private Set<String> genres;

        /** An empty track, as the enhanced client creates one. */
        public Track() {}

        /** A track with its key and play count only. */
        static Track of(String artist, String title, int plays) {
            Track t = new Track();
            t.setArtist(artist);
            t.setTitle(title);
            t.setPlays(plays);
            return t;
        }

        /** A track with every attribute set. */
        static Track full(String artist, String title) {
            Track t = of(artist, title, 3);
            t.setDurationMillis(565_000L);
            t.setFavourite(Boolean.TRUE);
            t.setTags(List.of("modal", "1959", "modal"));
            Map<String, String> notes = new LinkedHashMap<>();
            notes.put("label", "Columbia");
            notes.put("empty", "");
            t.setNotes(notes);
            t.setGenres(Set.of("jazz", "cool"));
            return t;
        }

        /** @return the partition key */
        @DynamoDbPartitionKey
        public String getArtist() {
            return artist;
        }

        /** @param artist the partition key */
        public void setArtist(String artist) {
            this.artist = artist;
        }

        /** @return the sort key */
        @DynamoDbSortKey
        public String getTitle() {
            return title;
        }

        /** @param title the sort key */
        public void setTitle(String title) {
            this.title = title;
        }

        /** @return a number */
        public Integer getPlays() {
            return plays;
        }

        /** @param plays a number */
        public void setPlays(Integer plays) {
            this.plays = plays;
        }

        /** @return a long number */
        public Long getDurationMillis() {
            return durationMillis;
        }

        /** @param durationMillis a long number */
        public void setDurationMillis(Long durationMillis) {
            this.durationMillis = durationMillis;
        }

        /** @return a boolean */
        public Boolean getFavourite() {
            return favourite;
        }

        /** @param favourite a boolean */
        public void setFavourite(Boolean favourite) {
            this.favourite = favourite;
        }

        /** @return a list of strings */
        public List<String> getTags() {
            return tags;
        }

        /** @param tags a list of strings */
        public void setTags(List<String> tags) {
            this.tags = tags;
        }

        /** @return a map of strings */
        public Map<String, String> getNotes() {
            return notes;
        }

        /** @param notes a map of strings */
        public void setNotes(Map<String, String> notes) {
            this.notes = notes;
        }

        /** @return a string set */
        public Set<String> getGenres() {
            return genres;
        }

        /** @param genres a string set */
        public void setGenres(Set<String> genres) {
            this.genres = genres;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Track t
                    && Objects.equals(artist, t.artist)
                    && Objects.equals(title, t.title)
                    && Objects.equals(plays, t.plays)
                    && Objects.equals(durationMillis, t.durationMillis)
                    && Objects.equals(favourite, t.favourite)
                    && Objects.equals(tags, t.tags)
                    && Objects.equals(notes, t.notes)
                    && Objects.equals(genres, t.genres);
        }

        @Override
        public int hashCode() {
            return Objects.hash(artist, title, plays, durationMillis, favourite, tags, notes, genres);
        }

        @Override
        public String toString() {
            return "Track[" + artist + ", " + title + ", plays=" + plays + ", durationMillis=" + durationMillis
                    + ", favourite=" + favourite + ", tags=" + tags + ", notes=" + notes + ", genres=" + genres + "]";
        }
    }
}
