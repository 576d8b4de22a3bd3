package floe.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How far a public type may be relied on. Every public type of the api and spi
 * modules carries exactly one.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE, ElementType.MODULE})
@Stability(Stability.Level.STABLE)
public @interface Stability {
    /** The level of this type. */
    Level value();

    /** Stability levels, from most to least dependable. */
    @Stability(Stability.Level.STABLE)
    enum Level {
        /** Changes only compatibly; removal only after deprecation in an earlier release. */
        STABLE,
        /** May change in any release; feedback wanted. */
        EXPERIMENTAL,
        /** Public for technical reasons only; not for use outside FloeDB. */
        INTERNAL
    }
}
