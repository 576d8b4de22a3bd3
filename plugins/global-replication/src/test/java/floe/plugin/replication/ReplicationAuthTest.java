package floe.plugin.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.spi.extension.ReplicatedChange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;

/**
 * Replication between two servers that verify every request ({@code floe serve --auth}): each
 * signs its requests to the other with the access key of its credentials file, authorized as
 * {@code floe:Replication*}; unsigned, wrongly signed and unauthorized requests are refused and
 * change nothing, and a sender whose key is refused keeps its backlog, shows the error in
 * {@code floe replicas}, and drains once its key is put right.
 */
class ReplicationAuthTest {
    static final String EAST1 = TwoRegions.EAST1;
    static final String EAST2 = TwoRegions.EAST2;

    static final String ADMIN_ID = "AKIAADMIN0000000001";
    static final String ADMIN_SECRET = "admin-secret-0001";
    static final String PEER_ID = "AKIAPEER00000000001";
    static final String PEER_SECRET = "peer-secret-0001";
    static final String READER_ID = "AKIAREADER000000001";
    static final String READER_SECRET = "reader-secret-0001";

    /** The same users on both servers: an administrator, the peers' replication user, a user who may only use tables. */
    static final String IDENTITIES = String.join(
            "\n",
            "user.admin.account=000000000000",
            "user.admin.policies=all",
            "key." + ADMIN_ID + ".user=admin",
            "key." + ADMIN_ID + ".secret=" + ADMIN_SECRET,
            "user.peer.account=000000000000",
            "user.peer.policies=replication",
            "key." + PEER_ID + ".user=peer",
            "key." + PEER_ID + ".secret=" + PEER_SECRET,
            "user.reader.account=000000000000",
            "user.reader.policies=tables",
            "key." + READER_ID + ".user=reader",
            "key." + READER_ID + ".secret=" + READER_SECRET,
            "policy.all={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}}",
            "policy.replication={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                    + "\"Action\":\"floe:Replication*\",\"Resource\":\"*\"}}",
            "policy.tables={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\","
                    + "\"Resource\":\"*\"}}",
            "");

    @TempDir
    Path dir;

    @Test
    void peersSignTheirRequestsAndARefusedKeyKeepsTheBacklogUntilItIsPutRight() throws Exception {
        int port1 = GlobalTableTest.freePort();
        int port2 = GlobalTableTest.freePort();
        String url1 = "http://127.0.0.1:" + port1;
        String url2 = "http://127.0.0.1:" + port2;
        Path credentials1 = credentials("east1-to-east2", PEER_ID, PEER_SECRET);
        Path credentials2 = credentials("east2-to-east1", PEER_ID, PEER_SECRET);
        ReplicaNode node1 = ReplicaNode.startWith(
                EAST1, port1, dir.resolve("1"), options(EAST2, url2, credentials1), "lmdb", identities("1"));
        ReplicaNode node2 = ReplicaNode.startWith(
                EAST2, port2, dir.resolve("2"), options(EAST1, url1, credentials2), "lmdb", identities("2"));
        DynamoDbClient east1 = Clients.dynamo(port1, EAST1, ADMIN_ID, ADMIN_SECRET);
        DynamoDbClient east2 = Clients.dynamo(port2, EAST2, ADMIN_ID, ADMIN_SECRET);
        Map<String, String> admin = Map.of("AWS_ACCESS_KEY_ID", ADMIN_ID, "AWS_SECRET_ACCESS_KEY", ADMIN_SECRET);
        try {
            // with valid keys: the replica is created on the other server and changes flow both ways
            GlobalTableTest.createTable(east1, "Orders", BillingMode.PAY_PER_REQUEST);
            GlobalTableTest.addReplica(east1, "Orders", EAST2);
            GlobalTableTest.awaitActive(east1, "Orders", EAST2);
            GlobalTableTest.put(east1, "Orders", "a", "g", "from east1");
            GlobalTableTest.put(east2, "Orders", "b", "g", "from east2");
            Clients.await("a replicated", 20, () -> GlobalTableTest.get(east2, "Orders", "a") != null);
            Clients.await("b replicated", 20, () -> GlobalTableTest.get(east1, "Orders", "b") != null);

            // refused, as any request is, and nothing applied: unsigned, wrongly signed, not authorized
            Map<String, Object> forged = applyRequest("forged");
            Peer.PeerException unsigned = assertThrows(
                    Peer.PeerException.class, () -> new Peer(EAST2, URI.create(url2), EAST1).call("Apply", forged));
            assertEquals("UnrecognizedClientException", unsigned.type, unsigned.getMessage());
            Peer.PeerException wrong =
                    assertThrows(Peer.PeerException.class, () -> signedPeer(url2, EAST2, PEER_ID, "not-the-secret")
                            .call("Apply", forged));
            assertEquals("InvalidSignatureException", wrong.type, wrong.getMessage());
            Peer.PeerException denied =
                    assertThrows(Peer.PeerException.class, () -> signedPeer(url2, EAST2, READER_ID, READER_SECRET)
                            .call("Apply", forged));
            assertEquals("AccessDeniedException", denied.type, denied.getMessage());
            assertTrue(
                    denied.getMessage()
                            .contains("User: arn:aws:iam::000000000000:user/reader is not authorized to perform:"
                                    + " floe:ReplicationApply on resource: *"),
                    denied.getMessage());
            Peer.PeerException deniedCreate =
                    assertThrows(Peer.PeerException.class, () -> signedPeer(url2, EAST2, READER_ID, READER_SECRET)
                            .call("DeleteReplica", Map.of("TableName", "Orders")));
            assertTrue(
                    deniedCreate
                            .getMessage()
                            .contains("floe:ReplicationDeleteReplica on resource:"
                                    + " arn:aws:dynamodb:us-east-2:000000000000:table/Orders"),
                    deniedCreate.getMessage());
            assertNull(GlobalTableTest.get(east2, "Orders", "forged"), "a refused request changes nothing");
            assertEquals(GlobalTableTest.replicas(east2, "Orders").size(), 2, "the replica is still there");
            // the peers' key does what replication needs, and so do the calls of the test's own peer
            assertTrue(signedPeer(url2, EAST2, PEER_ID, PEER_SECRET)
                    .call("Status", Map.of())
                    .containsKey("Replicas"));

            // floe replicas against a server with --auth: unsigned it is refused; signed by a user who may not
            // read the status, denied; signed by the administrator, the figures
            FloeCli.Result anonymous = FloeCli.run("replicas", "--endpoint-url", url1);
            assertEquals(1, anonymous.status(), anonymous.out());
            assertTrue(anonymous.err().contains("UnrecognizedClientException"), anonymous.err());
            try (FloeCli.Running reader = FloeCli.start(
                    Map.of("AWS_ACCESS_KEY_ID", READER_ID, "AWS_SECRET_ACCESS_KEY", READER_SECRET),
                    "replicas",
                    "--endpoint-url",
                    url1)) {
                assertEquals(1, reader.waitFor(Duration.ofSeconds(60)));
                assertTrue(
                        String.join("\n", reader.printed()).contains("AccessDeniedException"),
                        reader.printed().toString());
            }

            // the status page answers anyone with auth on: its health line, never tables or peers
            String health = ReplicasCommandTest.health(port1);
            assertTrue(health.startsWith("healthy: dynamodb."), health);
            assertFalse(health.contains("replication") || health.contains("Orders"), health);

            // east1's key goes wrong: its changes are refused, kept, and shown
            rewrite(credentials1, PEER_ID, "the-wrong-secret");
            Thread.sleep(1100); // the file is looked at once a second at most
            for (int i = 0; i < 10; i++) {
                GlobalTableTest.put(east1, "Orders", "refused" + i, "g", "v" + i);
            }
            try (FloeCli.Running watch = FloeCli.start(
                    admin,
                    "replicas",
                    "--endpoint-url",
                    url1,
                    "--table-name",
                    "Orders",
                    "--watch",
                    "--interval",
                    "1")) {
                String refused = watch.awaitLine(
                        "the refused backlog",
                        Duration.ofSeconds(60),
                        l -> l.contains("PendingReplicationCount=10 ") && l.contains("InvalidSignatureException"));
                assertTrue(refused.contains("Peer=reachable"), "the peer answered, with an error: " + refused);
                for (int i = 0; i < 10; i++) {
                    assertNull(GlobalTableTest.get(east2, "Orders", "refused" + i));
                }
                // put right: the backlog drains
                rewrite(credentials1, PEER_ID, PEER_SECRET);
                watch.awaitLine(
                        "the backlog drained",
                        Duration.ofSeconds(60),
                        l -> l.contains("PendingReplicationCount=0 ") && !l.contains("LastError"));
                String printed = String.join("\n", watch.printed());
                assertFalse(printed.contains(PEER_SECRET) || printed.contains("the-wrong-secret"), "no secret shown");
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(
                        GlobalTableTest.get(east1, "Orders", "refused" + i),
                        GlobalTableTest.get(east2, "Orders", "refused" + i));
            }
            // the status names the key in use, never its secret
            String status =
                    String.valueOf(signedPeer(url1, EAST1, PEER_ID, PEER_SECRET).call("Status", Map.of()));
            assertTrue(status.contains("AccessKeyId=" + PEER_ID), status);
            assertFalse(status.contains(PEER_SECRET), status);
        } finally {
            east1.close();
            east2.close();
            node1.close();
            node2.close();
        }
    }

    @Test
    void credentialOptionsAreCheckedAndTheFileIsKeptToItsOwner() throws Exception {
        Path file = credentials("loose", PEER_ID, PEER_SECRET);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, String> options = new LinkedHashMap<>();
        options.put("peer.us-east-2", "http://127.0.0.1:1");
        options.put("peer.us-east-2.credentials", file.toString());
        start(options);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        // a secret in the options is refused without being repeated
        IllegalArgumentException inline = assertThrows(
                IllegalArgumentException.class,
                () -> start(
                        Map.of("peer.us-east-2", "http://127.0.0.1:1", "peer.us-east-2.secretAccessKey", "s3cr3t")));
        assertFalse(inline.getMessage().contains("s3cr3t"), inline.getMessage());
        assertTrue(inline.getMessage().contains("peer.us-east-2.credentials=<file>"), inline.getMessage());
        IllegalArgumentException noPeer = assertThrows(
                IllegalArgumentException.class, () -> start(Map.of("peer.eu-west-1.credentials", file.toString())));
        assertTrue(noPeer.getMessage().contains("no peer endpoint"), noPeer.getMessage());
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class,
                () -> start(Map.of(
                        "peer.us-east-2", "http://127.0.0.1:1",
                        "peer.us-east-2.credentials", file.toString(),
                        "peer.us-east-2.profile", "other")));
        assertTrue(missing.getMessage().contains("has no profile [other]"), missing.getMessage());
        Files.writeString(file, "[default]\naws_access_key_id = " + PEER_ID + "\n");
        IllegalArgumentException incomplete = assertThrows(
                IllegalArgumentException.class,
                () -> start(
                        Map.of("peer.us-east-2", "http://127.0.0.1:1", "peer.us-east-2.credentials", file.toString())));
        assertTrue(incomplete.getMessage().contains("needs aws_access_key_id and aws_secret_access_key"));
    }

    private void start(Map<String, String> options) {
        new ReplicationPlugin().start(new ReplicaNode.Context(options, new FileState(dir.resolve("state.properties"))));
    }

    private static Map<String, String> options(String region, String url, Path credentials) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("peer." + region, url);
        options.put("peer." + region + ".credentials", credentials.toString());
        options.put("tombstoneRetentionHours", "24");
        return options;
    }

    private Path identities(String name) throws IOException {
        Path file = dir.resolve("identities-" + name + ".properties");
        Files.writeString(file, IDENTITIES, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private Path credentials(String name, String id, String secret) throws IOException {
        Path file = dir.resolve(name + ".credentials");
        Files.writeString(file, "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        rewrite(file, id, secret);
        return file;
    }

    /** Writes the file anew, its modification time moved on so that the change is seen whatever the clock's grain. */
    private static void rewrite(Path file, String id, String secret) throws IOException {
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(
                file,
                "# the peers' replication user\n[default]\naws_access_key_id = " + id + "\naws_secret_access_key = "
                        + secret + "\n",
                StandardCharsets.UTF_8);
        Instant later = before.toInstant().plusSeconds(2);
        Files.setLastModifiedTime(file, FileTime.from(later.isAfter(Instant.now()) ? later : Instant.now()));
    }

    /** A peer of the server at {@code url}, serving {@code region}, called with the access key {@code id}. */
    private Peer signedPeer(String url, String region, String id, String secret) throws IOException {
        Path file = credentials("peer-" + id + "-" + secret.length() + "-" + System.nanoTime(), id, secret);
        PeerCredentials c = PeerCredentials.open(file, "default", System.getLogger("test"));
        return new Peer(region, URI.create(url), region.equals(EAST1) ? EAST2 : EAST1, new PeerSigner(c));
    }

    /** An Apply request putting an item {@code pk} in Orders, with a stamp that wins over anything. */
    private static Map<String, Object> applyRequest(String pk) {
        Item keys = Item.of(Map.of("pk", AttributeValue.s(pk)));
        Item image = Item.of(Map.of("pk", AttributeValue.s(pk), "g", AttributeValue.s("g")));
        ReplicatedChange change = new ReplicatedChange("Orders", keys, image, Long.MAX_VALUE >>> 2, EAST1);
        return Map.of("Batch", Base64.getEncoder().encodeToString(Codec.encode(List.of(change))));
    }
}
