package floe.launcher.cli;

import floe.api.Stability;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags given to one {@code floe} command (or tool), checked against the command's {@link Flag}s
 * and completed with their defaults: a flag given wins over a default from
 * conf/floe.properties, which wins over the flag's own. A hand-made parser rather than a
 * library's: it is on the path of every start, and small enough to own. In the boot
 * layer, so that the server's commands and the tools' parse alike.
 */
@Stability(Stability.Level.INTERNAL)
public final class Arguments {
    private final Map<String, Flag> flags;
    private final Map<String, String> values;
    private final Map<String, List<String>> lists;
    private final Map<String, Map<String, String>> pairs;
    private final boolean help;

    private Arguments(
            Map<String, Flag> flags,
            Map<String, String> values,
            Map<String, List<String>> lists,
            Map<String, Map<String, String>> pairs,
            boolean help) {
        this.flags = flags;
        this.values = values;
        this.lists = lists;
        this.pairs = pairs;
        this.help = help;
    }

    /**
     * Parses {@code args} against {@code flags}.
     *
     * @param defaults defaults that replace the flags' own, by flag name (from conf/floe.properties)
     * @throws UsageException for an unknown flag, a missing or malformed value, or a stray argument
     */
    public static Arguments parse(List<Flag> flags, Map<String, String> defaults, List<String> args) {
        Map<String, Flag> byName = new LinkedHashMap<>();
        flags.forEach(f -> byName.put(f.name(), f));
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        Map<String, Map<String, String>> pairs = new LinkedHashMap<>();
        for (Flag f : flags) {
            String d = defaults.getOrDefault(f.name(), f.defaultValue());
            if (d != null
                    && (f.kind() == Flag.Kind.VALUE
                            || f.kind() == Flag.Kind.SWITCH
                            || f.kind() == Flag.Kind.NEGATABLE)) {
                values.put(f.name(), d);
            }
        }
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("Unmatched argument: '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            String inline = eq < 0 ? null : arg.substring(eq + 1);
            Flag flag = byName.get(name);
            if (flag == null && name.startsWith("no-") && inline == null) {
                Flag negated = byName.get(name.substring(3));
                if (negated != null && negated.kind() == Flag.Kind.NEGATABLE) {
                    values.put(negated.name(), "false");
                    continue;
                }
            }
            if (flag == null) {
                throw new UsageException("Unknown option: '" + arg + "'");
            }
            if (!flag.takesValue()) {
                if (inline != null && !inline.equalsIgnoreCase("true") && !inline.equalsIgnoreCase("false")) {
                    throw new UsageException(
                            "Invalid value for option '--" + name + "': '" + inline + "' is not a boolean");
                }
                values.put(name, inline == null ? "true" : inline.toLowerCase(java.util.Locale.ROOT));
                continue;
            }
            String value = inline;
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(
                            "Missing required parameter for option '--" + name + "' (" + flag.label() + ")");
                }
                value = args.get(++i);
            }
            switch (flag.kind()) {
                case VALUE -> values.put(name, value);
                case LIST -> lists.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                case PAIRS -> {
                    int split = value.indexOf('=');
                    if (split <= 0) {
                        throw new UsageException(
                                "Value for option '--" + name + "' should be in KEY=VALUE format but was " + value);
                    }
                    pairs.computeIfAbsent(name, k -> new LinkedHashMap<>())
                            .put(value.substring(0, split), value.substring(split + 1));
                }
                default -> throw new IllegalStateException(flag.kind().toString());
            }
        }
        return new Arguments(byName, values, lists, pairs, help);
    }

    /** Whether {@code --help} (or {@code -h}) was given. */
    public boolean help() {
        return help;
    }

    /** A flag's value, or null. */
    public String string(String name) {
        return values.get(known(name).name());
    }

    /**
     * A flag's value, which must be given.
     *
     * @throws UsageException if it was not
     */
    public String required(String name) {
        String v = string(name);
        if (v == null) {
            Flag f = known(name);
            throw new UsageException("Missing required option: '--" + f.name() + "=" + f.label() + "'");
        }
        return v;
    }

    /** A switch's value. */
    public boolean bool(String name) {
        return Boolean.parseBoolean(string(name));
    }

    /** A flag's value as an int. */
    public int integer(String name) {
        String v = string(name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid(name, v, "is not an int");
        }
    }

    /** A flag's value as a long. */
    public long longValue(String name) {
        String v = string(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid(name, v, "is not a long");
        }
    }

    /** A flag's value as a path, or null. */
    public Path path(String name) {
        String v = string(name);
        try {
            return v == null ? null : Path.of(v);
        } catch (InvalidPathException e) {
            throw invalid(name, v, "is not a path");
        }
    }

    /** A flag's value as a URI, or null. */
    public URI uri(String name) {
        String v = string(name);
        try {
            return v == null ? null : new URI(v);
        } catch (URISyntaxException e) {
            throw invalid(name, v, "is not a URI");
        }
    }

    /** A repeatable flag's values, in order. */
    public List<String> list(String name) {
        return Collections.unmodifiableList(lists.getOrDefault(known(name).name(), List.of()));
    }

    /** A repeatable flag's pairs, in order. */
    public Map<String, String> pairs(String name) {
        return Collections.unmodifiableMap(pairs.getOrDefault(known(name).name(), Map.of()));
    }

    private Flag known(String name) {
        Flag f = flags.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no flag --" + name);
        }
        return f;
    }

    private static UsageException invalid(String name, String value, String why) {
        return new UsageException("Invalid value for option '--" + name + "': '" + value + "' " + why);
    }

    /**
     * The usage of a command: its synopsis, description and flags, with the defaults in effect.
     *
     * @param command such as {@code floe serve}
     * @param defaults as given to {@link #parse}
     */
    public static String usage(
            String command, List<String> description, List<Flag> flags, Map<String, String> defaults) {
        String head = "Usage: " + command + " ";
        StringBuilder synopsis = new StringBuilder("[-h]");
        flags.stream()
                .filter(f -> !f.hidden())
                .forEach(f -> synopsis.append(" [").append(f.synopsis()).append(']'));
        StringBuilder b = new StringBuilder(head)
                .append(wrap(synopsis.toString(), head.length(), 80))
                .append('\n');
        description.forEach(paragraph -> b.append(wrap(paragraph, 0, 80)).append('\n'));
        List<Flag> shown =
                new ArrayList<>(flags.stream().filter(f -> !f.hidden()).toList());
        shown.add(new Flag("help", Flag.Kind.SWITCH, null, null, "Show this help message and exit.", false));
        shown.sort((x, y) -> x.name().compareTo(y.name()));
        for (Flag f : shown) {
            String d = defaults.getOrDefault(f.name(), f.defaultValue());
            String text = f.description().replace("${DEFAULT}", d == null ? "" : d);
            String names = (f.name().equals("help") ? "-h, " : "    ") + f.synopsis();
            b.append("  ").append(names);
            if (names.length() >= 24) {
                b.append('\n').append(" ".repeat(28));
            } else {
                b.append(" ".repeat(26 - names.length()));
            }
            b.append(wrap(text, 28, 80)).append('\n');
        }
        return b.toString();
    }

    /**
     * {@code text}, which starts at column {@code indent}, folded at word boundaries to lines
     * of {@code width}, each after the first indented as much.
     */
    public static String wrap(String text, int indent, int width) {
        StringBuilder out = new StringBuilder();
        int column = indent;
        for (String word : text.split(" ")) {
            if (column > indent && column + 1 + word.length() > width) {
                out.append('\n').append(" ".repeat(indent));
                column = indent;
            } else if (column > indent) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }
}
