package floe.plugin.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;

/**
 * {@code floe replicas} and the status page against two servers replicating: the figures while
 * they are in step, while one is stopped and the backlog grows, and after it is back and the
 * backlog drains.
 */
class ReplicasCommandTest {
    static final String EAST1 = TwoRegions.EAST1;
    static final String EAST2 = TwoRegions.EAST2;

    @TempDir
    Path dir;

    @Test
    void showsTheBacklogGrowWhileAPeerIsDownAndDrainWhenItIsBack() throws Exception {
        int port1 = GlobalTableTest.freePort();
        int port2 = GlobalTableTest.freePort();
        String url1 = "http://127.0.0.1:" + port1;
        ReplicaNode node1 =
                ReplicaNode.start(EAST1, port1, dir.resolve("1"), Map.of(EAST2, "http://127.0.0.1:" + port2));
        ReplicaNode node2 = ReplicaNode.start(EAST2, port2, dir.resolve("2"), Map.of(EAST1, url1));
        DynamoDbClient east1 = Clients.dynamo(port1, EAST1);
        DynamoDbClient east2 = Clients.dynamo(port2, EAST2);
        try {
            // a server with no global table: nothing replicates, which the command says
            FloeCli.Result none = FloeCli.run("replicas", "--endpoint-url", url1, "--table-name", "Orders");
            assertEquals(0, none.status(), none.err());
            assertTrue(none.out().contains("no replica of table Orders"), none.out());

            GlobalTableTest.createTable(east1, "Orders", BillingMode.PAY_PER_REQUEST);
            GlobalTableTest.createTable(east1, "Other", BillingMode.PAY_PER_REQUEST);
            GlobalTableTest.addReplica(east1, "Orders", EAST2);
            GlobalTableTest.awaitActive(east1, "Orders", EAST2);
            for (int i = 0; i < 5; i++) {
                GlobalTableTest.put(east1, "Orders", "k" + i, "g", "v" + i);
            }
            GlobalTableTest.put(east2, "Orders", "from-east2", "g", "v");
            DynamoDbClient firstEast2 = east2;
            Clients.await("k4 replicated", 20, () -> GlobalTableTest.get(firstEast2, "Orders", "k4") != null);
            Clients.await(
                    "east2's write replicated", 20, () -> GlobalTableTest.get(east1, "Orders", "from-east2") != null);

            // in step: the table's row with its figures, the peer reachable, nothing pending
            Clients.await("nothing pending", 20, () -> pending(tableRow(url1, "Orders")) == 0);
            String row = tableRow(url1, "Orders");
            assertTrue(
                    row.startsWith("Region=us-east-1 ReplicaRegion=us-east-2 TableName=Orders ReplicaStatus=ACTIVE"
                            + " PendingReplicationCount=0 "),
                    row);
            assertTrue(
                    row.matches(".* ReplicationLatency=\\d+ ReplicationLatencyP50=\\d+ ReplicationLatencyP99=\\d+ .*"),
                    row);
            assertTrue(row.matches(".* LastShippedTime=20\\d\\d-.*Z .*"), row);
            // east2's write was applied here: when is shown
            assertTrue(row.matches(".* LastAppliedTime=20\\d\\d-.*Z Peer=reachable$"), row);
            FloeCli.Result all = FloeCli.run("replicas", "--endpoint-url", url1);
            assertTrue(
                    all.out().contains("Region=us-east-1 ReplicaRegion=us-east-2 Endpoint=http://127.0.0.1:" + port2),
                    all.out());
            assertTrue(!all.out().contains("TableName=Other"), "a table without replicas is not listed: " + all.out());

            // the peer goes away: writes go on here, and their backlog grows
            node2.close();
            east2.close();
            for (int i = 0; i < 20; i++) {
                GlobalTableTest.put(east1, "Orders", "down" + i, "g", "v" + i);
            }
            GlobalTableTest.put(east1, "Other", "not-global", "g", "v"); // not replicated: not pending
            Clients.await("20 pending", 20, () -> pending(tableRow(url1, "Orders")) == 20);
            Clients.await(
                    "the peer unreachable", 20, () -> tableRow(url1, "Orders").contains("Peer=unreachable"));
            String down = FloeCli.run("replicas", "--endpoint-url", url1).out();
            Matcher peer = Pattern.compile("Region=us-east-1 ReplicaRegion=us-east-2 Endpoint=\\S+"
                            + " PendingReplicationCount=(\\d+) .* Peer=unreachable LastError=(.*)")
                    .matcher(down);
            assertTrue(peer.find(), down);
            assertTrue(Long.parseLong(peer.group(1)) >= 20, down);
            assertTrue(peer.group(2).contains("us-east-2 unreachable at http://127.0.0.1:" + port2), down);

            // the status page shows the same figures
            String health = health(port1);
            assertTrue(health.startsWith("healthy: dynamodb."), health);
            assertTrue(
                    health.contains("replication us-east-1 -> us-east-2 (http://127.0.0.1:" + port2
                            + "): PendingReplicationCount="),
                    health);
            assertTrue(
                    health.contains("replication us-east-1 -> us-east-2 table Orders ReplicaStatus=ACTIVE"
                            + " PendingReplicationCount=20 "),
                    health);
            assertTrue(health.contains(" unreachable LastError=\"us-east-2 unreachable at"), health);

            // --watch, as an operator follows it: plain lines a round, until the peer is back and the backlog drained
            try (FloeCli.Running watch = FloeCli.start(
                    Map.of(),
                    "replicas",
                    "--endpoint-url",
                    url1,
                    "--table-name",
                    "Orders",
                    "--watch",
                    "--interval",
                    "1")) {
                watch.awaitLine(
                        "the backlog while the peer is down",
                        Duration.ofSeconds(30),
                        l -> l.contains("PendingReplicationCount=20 ") && l.contains("Peer=unreachable"));
                node2 = ReplicaNode.start(EAST2, port2, dir.resolve("2"), Map.of(EAST1, url1));
                east2 = Clients.dynamo(port2, EAST2);
                watch.awaitLine(
                        "the backlog drained",
                        Duration.ofSeconds(60),
                        l -> l.contains("PendingReplicationCount=0 ") && l.contains("Peer=reachable"));
                assertTrue(
                        watch.printed().stream().anyMatch(l -> l.startsWith("time=")),
                        watch.printed().toString());
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(
                        GlobalTableTest.get(east1, "Orders", "down" + i),
                        GlobalTableTest.get(east2, "Orders", "down" + i));
            }
            // the receiving side shows when the changes written in us-east-1 were applied there
            String there = tableRow("http://127.0.0.1:" + port2, "Orders");
            assertTrue(
                    there.startsWith("Region=us-east-2 ReplicaRegion=us-east-1 TableName=Orders ReplicaStatus=ACTIVE"),
                    there);
            // (restarted, it has shipped nothing since: its peer may not have been contacted yet)
            assertTrue(there.matches(".* LastAppliedTime=20\\d\\d-.*Z Peer=(reachable|not-contacted)$"), there);

            // its help, usage errors, and a server that cannot be reached
            FloeCli.Result help = FloeCli.run("help", "replicas");
            assertEquals(0, help.status());
            assertTrue(help.out().contains("Usage: floe replicas") && help.out().contains("--watch"), help.out());
            assertEquals(2, FloeCli.run("replicas", "--interval", "0").status());
            FloeCli.Result unreachable = FloeCli.run("replicas", "--endpoint-url", "http://127.0.0.1:1");
            assertEquals(1, unreachable.status());
            assertTrue(
                    unreachable.err().startsWith("floe replicas: cannot reach http://127.0.0.1:1"), unreachable.err());
        } finally {
            east1.close();
            east2.close();
            node1.close();
            node2.close();
        }
    }

    /** The plain line {@code floe replicas --table-name table} prints for it. */
    static String tableRow(String endpoint, String table) {
        FloeCli.Result r = FloeCli.run("replicas", "--endpoint-url", endpoint, "--table-name", table);
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.lines();
        assertEquals(1, lines.size(), r.out());
        return lines.get(0);
    }

    static long pending(String row) {
        Matcher m = Pattern.compile(" PendingReplicationCount=(\\d+)").matcher(row);
        assertTrue(m.find(), row);
        return Long.parseLong(m.group(1));
    }

    static String health(int port) throws Exception {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection)
                URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection(java.net.Proxy.NO_PROXY);
        try (java.io.InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }
}
