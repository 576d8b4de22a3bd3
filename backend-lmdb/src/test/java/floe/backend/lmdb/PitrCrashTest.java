package floe.backend.lmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.FloeDb;
import floe.api.model.DescribeTableRequest;
import floe.api.model.RestoreTableToPointInTimeRequest;
import floe.api.model.ScanRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process writing to a table with point-in-time recovery on: the history
 * is written in each write's own transaction, so after a restart a restore to the latest
 * restorable time holds exactly the table as it is (every committed write), and every
 * key's last acknowledged write (but the key of the write in flight at each kill).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PitrCrashTest {
    @TempDir
    Path work;

    @Test
    void noAcknowledgedWriteIsMissingFromTheHistoryAfterKillDashNine() throws Exception {
        Path data = work.resolve("data");
        List<String> lines = new ArrayList<>();
        java.util.Set<String> inFlight = new java.util.HashSet<>();
        for (int kill = 0; kill < 2; kill++) {
            try (ChildJvm child = new ChildJvm(work, PitrCrashWorkload.class, data.toString())) {
                assertNotNull(
                        child.awaitLine("READY", 120, TimeUnit.SECONDS),
                        () -> "the workload did not start: " + child.stderr());
                for (int i = 0; i < 300; i++) {
                    assertNotNull(child.awaitLine("ACK", 60, TimeUnit.SECONDS), () -> "no writes: " + child.stderr());
                }
                child.kill();
                List<String> run = child.allLines();
                lines.addAll(run);
                // The write after the last whole acknowledgement may have committed or not, and so may
                // the one after it when the kill cut that acknowledgement's line short: both keys are
                // either way.
                int last = -1;
                for (String line : run) {
                    String[] parts = ack(line);
                    if (parts != null) {
                        last = Math.max(last, Integer.parseInt(parts[1]));
                    }
                }
                inFlight.add(PitrCrashWorkload.key(last + 1));
                inFlight.add(PitrCrashWorkload.key(last + 2));
            }
        }
        // the last acknowledged state of each key: a later write may have committed unacknowledged
        Map<String, Long> lastAcked = new HashMap<>();
        for (String line : lines) {
            String[] parts = ack(line);
            if (parts != null) {
                lastAcked.put(parts[2], parts[3].equals("-") ? -1 : Long.parseLong(parts[3]));
            }
        }
        assertTrue(lastAcked.size() > 10, lastAcked.toString());
        try (FloeDb db = PitrCrashWorkload.open(data, Clock.systemUTC())) {
            db.backups()
                    .restoreTableToPointInTime(RestoreTableToPointInTimeRequest.builder()
                            .sourceTableName(PitrCrashWorkload.TABLE)
                            .targetTableName("restored")
                            .useLatestRestorableTime(true)
                            .build());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!"ACTIVE"
                    .equals(db.describeTable(new DescribeTableRequest("restored"))
                            .table()
                            .tableStatus())) {
                assertTrue(System.nanoTime() < deadline, "the restore did not finish");
                Thread.sleep(10);
            }
            TreeMap<String, Long> restored = items(db, "restored");
            assertEquals(items(db, PitrCrashWorkload.TABLE), restored, "the history holds every committed write");
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, Long> acked : new TreeMap<>(lastAcked).entrySet()) {
                long got = restored.getOrDefault(acked.getKey(), -1L);
                if (!inFlight.contains(acked.getKey()) && got != acked.getValue()) {
                    wrong.add(acked.getKey() + ": acknowledged " + acked.getValue() + ", restored " + got);
                }
            }
            assertTrue(wrong.isEmpty(), () -> wrong + " (in flight at the kills: " + inFlight + ")");
        }
    }

    /** The parts of a whole {@code ACK <n> <key> <value>} line, or null for any other (or a cut) line. */
    private static String[] ack(String line) {
        String[] parts = line.split(" ");
        return parts.length == 4
                        && parts[0].equals("ACK")
                        && parts[1].matches("\\d+")
                        && (parts[3].equals("-") || parts[3].equals(parts[1]))
                ? parts
                : null;
    }

    private static TreeMap<String, Long> items(FloeDb db, String table) {
        TreeMap<String, Long> out = new TreeMap<>();
        for (Map<String, AttributeValue> item : db.scan(ScanRequest.builder()
                        .tableName(table)
                        .consistentRead(true)
                        .build())
                .items()) {
            out.put(
                    ((AttributeValue.S) item.get("pk")).value(),
                    ((AttributeValue.N) item.get("n")).value().longValueExact());
        }
        return out;
    }
}
