package floe.server.wire;

import floe.tck.wire.EnhancedClientTck;
import floe.tck.wire.WireEndpoint;
import java.net.URI;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The enhanced-client suite against any endpoint: {@code -Dfloe.tck.endpoint=http://host:port}. */
@EnabledIfSystemProperty(named = WireEndpoint.PROPERTY, matches = ".+")
class EndpointEnhancedClientTest extends EnhancedClientTck {
    @Override
    protected URI endpoint() {
        return WireEndpoint.endpoint();
    }
}
