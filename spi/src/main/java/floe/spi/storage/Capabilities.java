package floe.spi.storage;

import floe.api.Stability;
import java.util.Set;

/**
 * What a backend declares it can do.
 *
 * @param supported the optional abilities it has
 * @param maxValueSize the largest value it stores, at least {@link StorageLimits#MIN_MAX_VALUE_SIZE}
 */
@Stability(Stability.Level.STABLE)
public record Capabilities(Set<Capability> supported, int maxValueSize) {
    /** Copies and checks. */
    public Capabilities {
        supported = Set.copyOf(supported);
        if (maxValueSize < StorageLimits.MIN_MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("maxValueSize below " + StorageLimits.MIN_MAX_VALUE_SIZE);
        }
    }

    /** Whether {@code capability} is supported. */
    public boolean has(Capability capability) {
        return supported.contains(capability);
    }
}
