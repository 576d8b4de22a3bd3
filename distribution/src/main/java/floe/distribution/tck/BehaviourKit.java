package floe.distribution.tck;

import floe.api.FloeConfig;
import floe.spi.storage.Capability;
import floe.tck.behaviour.FloeBehaviourTck;
import java.nio.file.Path;

/** Every behaviour suite over the backend {@code floe tck --backend} loaded, inside the kit's checking wrapper. */
public class BehaviourKit extends FloeBehaviourTck {
    /** Made by JUnit. */
    public BehaviourKit() {}

    @Override
    protected FloeConfig config(Path directory) {
        return FloeConfig.inMemory()
                .withBackend(Target.Provider.NAME, Target.current().options(directory));
    }

    @Override
    protected boolean persistent() {
        return !Target.current().lacking().contains(Capability.PERSISTENT);
    }
}
