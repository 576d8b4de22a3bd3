package floe.launcher;

import floe.api.Stability;

/** Where a plugin stands, as {@code floe plugins} shows it. */
@Stability(Stability.Level.INTERNAL)
public sealed interface PluginStatus {
    /** One line for people: {@code started}, {@code failed: <cause>} ... */
    String describe();

    /** Started, its providers available. */
    @Stability(Stability.Level.INTERNAL)
    record Started() implements PluginStatus {
        @Override
        public String describe() {
            return "started";
        }
    }

    /**
     * Failed to load, to pass its checks, to start or to stop.
     *
     * @param cause what went wrong, one line
     */
    @Stability(Stability.Level.INTERNAL)
    record Failed(String cause) implements PluginStatus {
        @Override
        public String describe() {
            return "failed: " + cause;
        }
    }

    /** Installed, but neither requested nor required by a requested plugin: left stopped. */
    @Stability(Stability.Level.INTERNAL)
    record NotRequested() implements PluginStatus {
        @Override
        public String describe() {
            return "not requested";
        }
    }

    /** Requested, and stopped: after the launcher closed, or because another plugin failed to start. */
    @Stability(Stability.Level.INTERNAL)
    record Stopped() implements PluginStatus {
        @Override
        public String describe() {
            return "stopped";
        }
    }
}
