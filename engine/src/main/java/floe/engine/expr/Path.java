package floe.engine.expr;

import floe.api.Stability;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A document path such as {@code a.b[3].c}: a top-level attribute name followed by
 * map keys and list indexes. Names are resolved (no {@code #name} placeholders left).
 *
 * @param elements the steps, the first always a {@link PathElement.Name}
 */
@Stability(Stability.Level.INTERNAL)
public record Path(List<PathElement> elements) {
    /** DynamoDB's deepest document path: 32 levels, counting the top-level attribute. */
    public static final int MAX_DEPTH = 32;

    /** Copies; requires a leading name. */
    public Path {
        elements = List.copyOf(elements);
        if (elements.isEmpty() || !(elements.get(0) instanceof PathElement.Name)) {
            throw new IllegalArgumentException("a path starts with an attribute name: " + elements);
        }
    }

    /** A top-level attribute. */
    public static Path of(String attribute) {
        return new Path(List.of(new PathElement.Name(attribute)));
    }

    /** A path of names and indexes: {@code String} elements are names, {@code Integer} elements indexes. */
    public static Path of(Object... elements) {
        List<PathElement> list = new ArrayList<>(elements.length);
        for (Object e : elements) {
            list.add(e instanceof Integer i ? new PathElement.Index(i) : new PathElement.Name((String) e));
        }
        return new Path(list);
    }

    /** The top-level attribute name. */
    public String attribute() {
        return ((PathElement.Name) elements.get(0)).name();
    }

    /** Number of steps. */
    public int depth() {
        return elements.size();
    }

    /** Whether this is a top-level attribute. */
    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** The path without its last step, or null for a top-level attribute. */
    public Path parent() {
        return elements.size() == 1 ? null : new Path(elements.subList(0, elements.size() - 1));
    }

    /** The last step. */
    public PathElement last() {
        return elements.get(elements.size() - 1);
    }

    /** DynamoDB's rendering in messages: {@code [a, b, [3], c]}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (PathElement e : elements) {
            j.add(e.toString());
        }
        return j.toString();
    }
}
