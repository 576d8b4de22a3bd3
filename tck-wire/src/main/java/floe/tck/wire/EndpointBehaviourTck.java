package floe.tck.wire;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.Stability;
import floe.tck.behaviour.FloeBehaviourTck;
import java.net.URI;
import java.nio.file.Path;

/**
 * Every behaviour suite against a DynamoDB-compatible endpoint elsewhere, through the
 * AWS SDK for Java v2: one class runs them all.
 *
 * <pre>{@code
 * @EnabledIfSystemProperty(named = WireEndpoint.PROPERTY, matches = ".+")
 * class MyEndpointTest extends EndpointBehaviourTck {}
 * }</pre>
 *
 * and {@code -Dfloe.tck.endpoint=http://localhost:8000}. <strong>Destructive</strong>: each
 * test starts by deleting every table of the endpoint (see {@link WireEndpoint}). The
 * kit can neither move an endpoint's clock nor set its engine options or change
 * listeners, nor reopen it, so the tests that need those are skipped.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class EndpointBehaviourTck extends FloeBehaviourTck {
    /** The endpoint under test: {@link WireEndpoint#endpoint()}, from the system property, by default. */
    protected URI endpoint() {
        return WireEndpoint.endpoint();
    }

    /** Whether to go through the SDK's asynchronous client rather than its synchronous one. */
    protected boolean async() {
        return false;
    }

    /** Unused: an endpoint runs on its own configuration. */
    @Override
    protected final FloeConfig config(Path directory) {
        return FloeConfig.inMemory();
    }

    /** The endpoint, emptied. */
    @Override
    protected FloeDb open(FloeConfig ignored) {
        return async() ? WireEndpoint.openAsync(endpoint()) : WireEndpoint.open(endpoint());
    }

    @Override
    protected final boolean persistent() {
        return false;
    }

    @Override
    protected final boolean controlsConfiguration() {
        return false;
    }

    @Override
    protected final boolean checksStorageUse() {
        return false;
    }
}
