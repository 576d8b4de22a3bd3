package floe.engine.expr;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.Stability;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies projection paths to an item (ProjectionExpression, AttributesToGet, and
 * the UPDATED_OLD/UPDATED_NEW return values) with DynamoDB's rules: a nested path
 * keeps the enclosing maps and lists but only the selected parts; list elements
 * selected by index come out compacted, in index order, whatever the order of the
 * paths; a path that does not exist (or steps into a value of the wrong type)
 * contributes nothing, and neither do its parents.
 */
@Stability(Stability.Level.INTERNAL)
public final class Projector {
    private Projector() {}

    /** The selection tree of a set of paths. */
    private static final class Node {
        boolean whole;
        final Map<String, Node> names = new LinkedHashMap<>();
        final TreeMap<Integer, Node> indexes = new TreeMap<>();
    }

    /**
     * The projection of {@code item}.
     *
     * @param item the item, or null
     * @param paths the selected paths
     * @return the projected item, or null if {@code item} is null
     */
    public static Item project(Item item, List<Path> paths) {
        if (item == null) {
            return null;
        }
        Node root = new Node();
        for (Path p : paths) {
            Node n = root;
            for (PathElement e : p.elements()) {
                n = e instanceof PathElement.Name name
                        ? n.names.computeIfAbsent(name.name(), k -> new Node())
                        : n.indexes.computeIfAbsent(((PathElement.Index) e).index(), k -> new Node());
            }
            n.whole = true;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : root.names.entrySet()) {
            AttributeValue v = item.get(e.getKey());
            AttributeValue projected = v == null ? null : project(v, e.getValue());
            if (projected != null) {
                out.put(e.getKey(), projected);
            }
        }
        return Item.of(out);
    }

    private static AttributeValue project(AttributeValue v, Node node) {
        if (node.whole) {
            return v;
        }
        if (v instanceof AttributeValue.M m && !node.names.isEmpty()) {
            Map<String, AttributeValue> out = new LinkedHashMap<>();
            for (Map.Entry<String, Node> e : node.names.entrySet()) {
                AttributeValue child = m.values().get(e.getKey());
                AttributeValue projected = child == null ? null : project(child, e.getValue());
                if (projected != null) {
                    out.put(e.getKey(), projected);
                }
            }
            return out.isEmpty() ? null : new AttributeValue.M(out);
        }
        if (v instanceof AttributeValue.L l && !node.indexes.isEmpty()) {
            List<AttributeValue> out = new ArrayList<>();
            for (Map.Entry<Integer, Node> e : node.indexes.entrySet()) {
                if (e.getKey() >= l.values().size()) {
                    break;
                }
                AttributeValue projected = project(l.values().get(e.getKey()), e.getValue());
                if (projected != null) {
                    out.add(projected);
                }
            }
            return out.isEmpty() ? null : new AttributeValue.L(out);
        }
        return null;
    }
}
