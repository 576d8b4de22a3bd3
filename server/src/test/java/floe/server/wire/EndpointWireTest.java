package floe.server.wire;

import floe.tck.wire.EndpointBehaviourTck;
import floe.tck.wire.WireEndpoint;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The behaviour suites against any DynamoDB-compatible endpoint: {@code -Dfloe.tck.endpoint=http://host:port}. Destructive: each test starts by deleting every table of the endpoint. */
@EnabledIfSystemProperty(named = WireEndpoint.PROPERTY, matches = ".+")
class EndpointWireTest extends EndpointBehaviourTck {}
