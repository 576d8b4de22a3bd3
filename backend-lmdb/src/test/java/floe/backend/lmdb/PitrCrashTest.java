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
                // the write after the last acknowledged one may have committed or not: its key is either way
                for (int i = run.size() - 1; i >= 0; i--) {
                    if (run.get(i).startsWith("ACK ")) {
                        inFlight.add(PitrCrashWorkload.key(
                                Integer.parseInt(run.get(i).split(" ")[1]) + 1));
                        break;
                    }
                }
            }
        }
        // the last acknowledged state of each key: a later write may have committed unacknowledged
        Map<String, Long> lastAcked = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith("ACK ")) {
                String[] parts = line.split(" ");
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
            for (Map.Entry<String, Long> acked : lastAcked.entrySet()) {
                if (inFlight.contains(acked.getKey())) {
                    continue;
                }
                long got = restored.getOrDefault(acked.getKey(), -1L);
                assertTrue(
                        got == acked.getValue(),
                        acked.getKey() + ": acknowledged " + acked.getValue() + ", restored " + got);
            }
        }
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
