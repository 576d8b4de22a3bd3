package floe.engine;

import floe.api.FloeConfig;
import floe.api.FloeDb;

/** Makes the engine the implementation behind {@link FloeDb#open(FloeConfig)}. */
public final class EngineOpener implements FloeDb.Opener {
    @Override
    public FloeDb open(FloeConfig config) {
        return Engine.open(config);
    }
}
