package floe.distribution.tck;

import floe.tck.wire.EndpointBehaviourTck;
import java.net.URI;

/** Every behaviour suite through the AWS SDK against the endpoint {@code floe tck --endpoint} names. */
public class EndpointKit extends EndpointBehaviourTck {
    /** Made by JUnit. */
    public EndpointKit() {}

    @Override
    protected URI endpoint() {
        return Target.current().endpoint();
    }
}
