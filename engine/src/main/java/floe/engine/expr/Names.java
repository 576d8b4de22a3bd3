package floe.engine.expr;

import floe.api.AttributeValue;
import floe.engine.expr.Syntax.Arith;
import floe.engine.expr.Syntax.Call;
import floe.engine.expr.Syntax.Elem;
import floe.engine.expr.Syntax.IndexElem;
import floe.engine.expr.Syntax.NameElem;
import floe.engine.expr.Syntax.Op;
import floe.engine.expr.Syntax.PathSyn;
import floe.engine.expr.Syntax.ValueRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The checks all analyzers share: reserved words, path depth, placeholder
 * resolution, overlapping paths, and walks over operands in the order written.
 */
final class Names {
    private Names() {}

    /** Calls {@code visit} for every path in {@code op}, in the order written. */
    static void paths(Op op, Consumer<PathSyn> visit) {
        if (op instanceof PathSyn p) {
            visit.accept(p);
        } else if (op instanceof Call c) {
            c.args().forEach(a -> paths(a, visit));
        } else if (op instanceof Arith a) {
            paths(a.left(), visit);
            paths(a.right(), visit);
        }
    }

    /** The first reserved word used as a literal name in {@code path}, or null. */
    static String reserved(PathSyn path) {
        for (Elem e : path.elements()) {
            if (e instanceof NameElem n && !n.placeholder() && ReservedWords.contains(n.text())) {
                return n.text();
            }
        }
        return null;
    }

    /** The error for a path deeper than DynamoDB allows, or null. Wording from ScyllaDB's test_projection_expression.py. */
    static String nesting(PathSyn path) {
        int depth = path.elements().size();
        return depth > Path.MAX_DEPTH
                ? "The document path has too many nesting levels; nesting levels: " + depth
                : null;
    }

    /** The first undefined {@code #name} in {@code path}, as DynamoDB's error, or null; marks defined ones used. */
    static String undefinedName(PathSyn path, Placeholders placeholders) {
        for (Elem e : path.elements()) {
            if (e instanceof NameElem n && n.placeholder() && placeholders.name(n.text()) == null) {
                return undefinedName(n.text());
            }
        }
        return null;
    }

    static String undefinedName(String placeholder) {
        return "An expression attribute name used in the document path is not defined; attribute name: " + placeholder;
    }

    static String undefinedValue(String placeholder) {
        return "An expression attribute value used in expression is not defined; attribute value: " + placeholder;
    }

    /** The resolved path; all its placeholders must be defined. */
    static Path resolve(PathSyn path, Placeholders placeholders) {
        List<PathElement> out = new ArrayList<>(path.elements().size());
        for (Elem e : path.elements()) {
            if (e instanceof NameElem n) {
                out.add(new PathElement.Name(n.placeholder() ? placeholders.name(n.text()) : n.text()));
            } else {
                out.add(new PathElement.Index(((IndexElem) e).index()));
            }
        }
        return new Path(out);
    }

    /** The value of a {@code :value}, or null if undefined (marks it used). */
    static AttributeValue value(ValueRef ref, Placeholders placeholders) {
        return placeholders.value(ref.placeholder());
    }

    /**
     * DynamoDB's check that no two paths of one expression overlap (one a prefix of the
     * other, or equal) or conflict (a map key and a list index at the same step). An
     * overlap anywhere wins over a conflict; "path one" is the earlier path.
     * Wording from dynalite's updateParser.pegjs and ExtendDB's captured projection messages.
     */
    static String overlapOrConflict(List<Path> paths) {
        String conflict = null;
        for (int j = 1; j < paths.size(); j++) {
            for (int i = 0; i < j; i++) {
                Path one = paths.get(i);
                Path two = paths.get(j);
                int relation = relation(one, two);
                if (relation == OVERLAP) {
                    return "Two document paths overlap with each other; must remove or rewrite one of these paths; "
                            + "path one: " + one + ", path two: " + two;
                }
                if (relation == CONFLICT && conflict == null) {
                    conflict = "Two document paths conflict with each other; must remove or rewrite one of these "
                            + "paths; path one: " + one + ", path two: " + two;
                }
            }
        }
        return conflict;
    }

    private static final int UNRELATED = 0;
    private static final int OVERLAP = 1;
    private static final int CONFLICT = 2;

    private static int relation(Path a, Path b) {
        int n = Math.min(a.depth(), b.depth());
        for (int k = 0; k < n; k++) {
            PathElement x = a.elements().get(k);
            PathElement y = b.elements().get(k);
            if (x.getClass() != y.getClass()) {
                return CONFLICT;
            }
            if (!x.equals(y)) {
                return UNRELATED;
            }
        }
        return OVERLAP;
    }
}
