package floe.server.wire;

import floe.api.FloeDb;
import floe.tck.behaviour.BatchTransactionBehaviourTck;
import floe.tck.behaviour.ControlPlaneBehaviourTck;
import floe.tck.behaviour.IndexBehaviourTck;
import floe.tck.behaviour.ItemBehaviourTck;
import floe.tck.behaviour.QueryScanBehaviourTck;
import floe.tck.behaviour.StreamBehaviourTck;
import floe.tck.behaviour.TableBehaviourTck;
import floe.tck.behaviour.ThrottlingBehaviourTck;
import floe.tck.wire.WireEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The behaviour suites against any DynamoDB-compatible endpoint: {@code -Dfloe.tck.endpoint=http://host:port}. Destructive: each test starts by deleting every table of the endpoint. */
@EnabledIfSystemProperty(named = WireEndpoint.PROPERTY, matches = ".+")
class EndpointWireTest {
    @Nested
    class Tables extends TableBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return WireEndpoint.open(WireEndpoint.endpoint());
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }

    @Nested
    class Items extends ItemBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return WireEndpoint.open(WireEndpoint.endpoint());
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }

    @Nested
    class QueryScan extends QueryScanBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return WireEndpoint.open(WireEndpoint.endpoint());
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }

    @Nested
    class BatchesAndTransactions extends BatchTransactionBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return WireEndpoint.open(WireEndpoint.endpoint());
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }

    @Nested
    class Indexes extends IndexBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return WireEndpoint.open(WireEndpoint.endpoint());
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }

    @Nested
    class Streams extends StreamBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return WireEndpoint.open(WireEndpoint.endpoint());
        }

        @Override
        protected boolean persistent() {
            return false;
        }

        @Override
        protected boolean controlsClock() {
            return false;
        }
    }

    @Nested
    class ControlPlane extends ControlPlaneBehaviourTck {
        @Override
        protected FloeDb open(Path directory) {
            return WireEndpoint.open(WireEndpoint.endpoint());
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }

    /** An endpoint's clock cannot be moved by the test: the suite skips itself. */
    @Nested
    class Throttling extends ThrottlingBehaviourTck {
        @Override
        protected FloeDb open(Path directory, Clock clock, Map<String, String> engineOptions) {
            return WireEndpoint.open(WireEndpoint.endpoint());
        }

        @Override
        protected boolean controlsClock() {
            return false;
        }

        @Override
        protected boolean persistent() {
            return false;
        }
    }
}
