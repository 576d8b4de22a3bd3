package floe.launcher.cli;

import floe.api.Stability;
import java.util.Objects;

/**
 * One flag of a {@code floe} command (the server's, or a tool's), as its usage shows it: a switch ({@code --name}, and
 * {@code --no-name} when negatable), a flag with one value ({@code --name value} or
 * {@code --name=value}), or a repeatable one collecting values or {@code key=value} pairs.
 *
 * @param name the long name, without the dashes; also its key in conf/floe.properties
 * @param kind what it takes
 * @param label the value's name in the usage, such as {@code <port>}
 * @param defaultValue its value when not given, or null
 * @param description its help; {@code ${DEFAULT}} stands for the default in effect
 * @param hidden left out of the usage
 */
@Stability(Stability.Level.INTERNAL)
public record Flag(String name, Kind kind, String label, String defaultValue, String description, boolean hidden) {
    /** What a flag takes. */
    public enum Kind {
        /** Nothing: given means true. */
        SWITCH,
        /** Nothing: {@code --name} is true, {@code --no-name} false. */
        NEGATABLE,
        /** One value; the last given wins. */
        VALUE,
        /** One value each time, all kept in order. */
        LIST,
        /** A {@code key=value} pair each time, all kept; a later key wins. */
        PAIRS
    }

    public Flag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }

    /** A flag with one value. */
    public static Flag value(String name, String label, String defaultValue, String description) {
        return new Flag(name, Kind.VALUE, label, defaultValue, description, false);
    }

    /** A switch, false unless given. */
    public static Flag toggle(String name, String description) {
        return new Flag(name, Kind.SWITCH, null, "false", description, false);
    }

    /** A switch with a {@code --no-} form. */
    public static Flag negatable(String name, boolean defaultValue, String description) {
        return new Flag(name, Kind.NEGATABLE, null, Boolean.toString(defaultValue), description, false);
    }

    /** A repeatable flag whose values are kept in order. */
    public static Flag list(String name, String label, String description) {
        return new Flag(name, Kind.LIST, label, null, description, false);
    }

    /** A repeatable flag of {@code key=value} pairs. */
    public static Flag pairs(String name, String label, String description) {
        return new Flag(name, Kind.PAIRS, label, null, description, false);
    }

    /** This flag, left out of the usage. */
    public Flag hide() {
        return new Flag(name, kind, label, defaultValue, description, true);
    }

    /** Whether the flag takes a value after it. */
    public boolean takesValue() {
        return kind == Kind.VALUE || kind == Kind.LIST || kind == Kind.PAIRS;
    }

    /** How the usage names it: {@code --port=<port>}, {@code --[no-]throttling}. */
    public String synopsis() {
        return switch (kind) {
            case SWITCH -> "--" + name;
            case NEGATABLE -> "--[no-]" + name;
            case VALUE, LIST, PAIRS -> "--" + name + "=" + label;
        };
    }
}
