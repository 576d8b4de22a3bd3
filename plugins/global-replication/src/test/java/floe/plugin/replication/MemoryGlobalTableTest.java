package floe.plugin.replication;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;

/** The replica operations of {@link GlobalTableTest} between two servers on the in-memory backend. */
class MemoryGlobalTableTest extends GlobalTableTest {
    @Override
    @BeforeEach
    void start() throws IOException {
        regions = TwoRegions.start(dir, "memory");
        east1 = regions.east1;
        east2 = regions.east2;
    }
}
