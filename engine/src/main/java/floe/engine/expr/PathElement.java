package floe.engine.expr;

import floe.api.Stability;
import java.util.Objects;

/** One step of a document {@link Path}: a map key (attribute name) or a list index. */
@Stability(Stability.Level.INTERNAL)
public sealed interface PathElement permits PathElement.Name, PathElement.Index {

    /** A map key or top-level attribute name, already resolved from any {@code #name} placeholder. @param name the name */
    @Stability(Stability.Level.INTERNAL)
    record Name(String name) implements PathElement {
        /** Rejects null. */
        public Name {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A list index. @param index the index, not negative */
    @Stability(Stability.Level.INTERNAL)
    record Index(int index) implements PathElement {
        /** Rejects negative indexes. */
        public Index {
            if (index < 0) {
                throw new IllegalArgumentException("negative index " + index);
            }
        }

        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }
}
