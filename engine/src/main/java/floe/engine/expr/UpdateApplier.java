package floe.engine.expr;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.Item;
import floe.api.Stability;
import floe.api.error.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies an {@link UpdateExpression} to an item with DynamoDB's semantics:
 * <ul>
 * <li>every SET value is computed from the item as it was before the update, so
 * {@code SET a = :v, b = a} copies the old {@code a};
 * <li>list indexes in all actions refer to the list as it was: {@code REMOVE a[1]
 * SET a[3] = :v} replaces the old fourth element and removes the old second;
 * setting an index at or past the end appends, several such elements in index
 * order; removing an index past the end does nothing;
 * <li>a nested path needs its parent: writing {@code a.b} when {@code a} is not a
 * map fails; removing it when the whole item does not exist is ignored (DynamoDB
 * does so);
 * <li>ADD adds a number (a missing attribute counts as 0) or unites sets, DELETE
 * removes set members and removes the attribute when none remain; the legacy
 * AttributeUpdates ADD also appends lists;
 * <li>arithmetic is exact; a result beyond DynamoDB's 38 digits or range fails.
 * </ul>
 * Recursion is bounded by the 32-level path limit.
 */
@Stability(Stability.Level.INTERNAL)
public final class UpdateApplier {
    static final String MISSING = "The provided expression refers to an attribute that does not exist in the item";
    static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";
    static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";
    /** The legacy AttributeUpdates wording (dynalite, test/updateItem.js). */
    static final String LEGACY_MISMATCH = "Type mismatch for attribute to update";

    private UpdateApplier() {}

    /**
     * Applies {@code update}.
     *
     * @param update the update
     * @param oldItem the item as stored, or null if there is none
     * @param key the key attributes of the updated item, the starting point when {@code oldItem} is null
     *     (SET may read them, as in {@code SET b = if_not_exists(b, pk)}); may be null
     * @return the old and new item and the written paths
     * @throws ValidationException with DynamoDB's message when the update cannot apply to this item
     */
    public static UpdateResult apply(UpdateExpression update, Item oldItem, Item key) {
        if (oldItem == null && update.onlyRemoves()) {
            // DynamoDB creates no item for an update that only removes (REMOVE, DELETE, or the
            // legacy AttributeUpdates DELETE): "DELETE - Nothing happens; there is no attribute to
            // delete" (API reference, UpdateItem, AttributeUpdates)
            return new UpdateResult(null, null, update.paths());
        }
        Item base = oldItem != null ? oldItem : key != null ? key : Item.empty();
        boolean legacy = update.legacy();
        List<UpdateExpression.Action> actions = update.actions();
        List<AttributeValue> values = new ArrayList<>(actions.size());
        for (UpdateExpression.Action a : actions) {
            values.add(a instanceof UpdateExpression.SetAction s ? evaluate(s.value(), base) : null);
        }
        MMap root = new MMap(base.attributes());
        for (int i = 0; i < actions.size(); i++) {
            UpdateExpression.Action a = actions.get(i);
            Path path = a.path();
            Object parent = navigate(root, path);
            PathElement last = path.last();
            if (a instanceof UpdateExpression.SetAction) {
                if (!put(parent, last, values.get(i))) {
                    throw new ValidationException(INVALID_PATH);
                }
            } else if (a instanceof UpdateExpression.RemoveAction) {
                if (!remove(parent, last) && oldItem != null) {
                    throw new ValidationException(INVALID_PATH);
                }
            } else if (a instanceof UpdateExpression.AddAction add) {
                if (!fits(parent, last)) {
                    throw new ValidationException(INVALID_PATH);
                }
                AttributeValue existing = child(parent, last);
                put(parent, last, add(existing, add.value(), legacy));
            } else {
                UpdateExpression.DeleteAction delete = (UpdateExpression.DeleteAction) a;
                if (!fits(parent, last)) {
                    throw new ValidationException(INVALID_PATH);
                }
                AttributeValue existing = child(parent, last);
                if (existing != null) {
                    AttributeValue rest = delete(existing, delete.value(), legacy);
                    if (rest == null) {
                        remove(parent, last);
                    } else {
                        put(parent, last, rest);
                    }
                }
            }
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : root.entries.entrySet()) {
            out.put(e.getKey(), materialize(e.getValue()));
        }
        return new UpdateResult(oldItem, Item.of(out), update.paths());
    }

    // ---- values

    /** A SET value, computed from the item before the update. */
    static AttributeValue evaluate(Operand op, Item item) {
        if (op instanceof Operand.Literal l) {
            return l.value();
        }
        if (op instanceof Operand.PathRef p) {
            AttributeValue v = ConditionEvaluator.get(item, p.path());
            if (v == null) {
                throw new ValidationException(MISSING);
            }
            return v;
        }
        if (op instanceof Operand.IfNotExists f) {
            AttributeValue v = ConditionEvaluator.get(item, f.path());
            return v != null ? v : evaluate(f.fallback(), item);
        }
        if (op instanceof Operand.ListAppend la) {
            AttributeValue first = evaluate(la.first(), item);
            if (!(first instanceof AttributeValue.L a)) {
                throw new ValidationException(WRONG_TYPE);
            }
            AttributeValue second = evaluate(la.second(), item);
            if (!(second instanceof AttributeValue.L b)) {
                throw new ValidationException(WRONG_TYPE);
            }
            List<AttributeValue> all =
                    new ArrayList<>(a.values().size() + b.values().size());
            all.addAll(a.values());
            all.addAll(b.values());
            return new AttributeValue.L(all);
        }
        if (op instanceof Operand.Arithmetic ar) {
            AttributeValue left = evaluate(ar.left(), item);
            if (!(left instanceof AttributeValue.N x)) {
                throw new ValidationException(WRONG_TYPE);
            }
            AttributeValue right = evaluate(ar.right(), item);
            if (!(right instanceof AttributeValue.N y)) {
                throw new ValidationException(WRONG_TYPE);
            }
            return Values.number(
                    ar.plus() ? x.value().add(y.value()) : x.value().subtract(y.value()));
        }
        throw new IllegalArgumentException("not an update operand: " + op);
    }

    private static AttributeValue add(AttributeValue existing, AttributeValue value, boolean legacy) {
        String mismatch = legacy ? LEGACY_MISMATCH : WRONG_TYPE;
        if (existing == null) {
            return value;
        }
        if (existing.type() != value.type()) {
            throw new ValidationException(mismatch);
        }
        if (value instanceof AttributeValue.N n) {
            return Values.number(((AttributeValue.N) existing).value().add(n.value()));
        }
        if (value instanceof AttributeValue.SS s) {
            Set<String> all = new LinkedHashSet<>(((AttributeValue.SS) existing).values());
            all.addAll(s.values());
            return new AttributeValue.SS(all);
        }
        if (value instanceof AttributeValue.NS s) {
            Set<BigDecimal> all = new LinkedHashSet<>(((AttributeValue.NS) existing).values());
            all.addAll(s.values());
            return new AttributeValue.NS(all);
        }
        if (value instanceof AttributeValue.BS s) {
            Set<Bytes> all = new LinkedHashSet<>(((AttributeValue.BS) existing).values());
            all.addAll(s.values());
            return new AttributeValue.BS(all);
        }
        if (value instanceof AttributeValue.L l && legacy) {
            List<AttributeValue> all = new ArrayList<>(((AttributeValue.L) existing).values());
            all.addAll(l.values());
            return new AttributeValue.L(all);
        }
        throw new ValidationException(mismatch);
    }

    /** The set without the members of {@code value}, or null if nothing remains. */
    private static AttributeValue delete(AttributeValue existing, AttributeValue value, boolean legacy) {
        if (existing.type() != value.type()) {
            throw new ValidationException(legacy ? LEGACY_MISMATCH : WRONG_TYPE);
        }
        if (value instanceof AttributeValue.SS s) {
            Set<String> rest = new LinkedHashSet<>(((AttributeValue.SS) existing).values());
            rest.removeAll(s.values());
            return rest.isEmpty() ? null : new AttributeValue.SS(rest);
        }
        if (value instanceof AttributeValue.NS s) {
            Set<BigDecimal> rest = new LinkedHashSet<>(((AttributeValue.NS) existing).values());
            rest.removeAll(s.values());
            return rest.isEmpty() ? null : new AttributeValue.NS(rest);
        }
        if (value instanceof AttributeValue.BS s) {
            Set<Bytes> rest = new LinkedHashSet<>(((AttributeValue.BS) existing).values());
            rest.removeAll(s.values());
            return rest.isEmpty() ? null : new AttributeValue.BS(rest);
        }
        throw new ValidationException(legacy ? LEGACY_MISMATCH : WRONG_TYPE);
    }

    // ---- the document being updated
    //
    // Maps and lists on the path of an action become mutable copies; everything else
    // stays an immutable AttributeValue. List slots keep their original positions, so
    // indexes always mean the old list; new elements wait in index order until the
    // list is rebuilt. No two actions' paths overlap, so no action sees another's work.

    private static final class MMap {
        final LinkedHashMap<String, Object> entries;

        MMap(Map<String, AttributeValue> values) {
            entries = new LinkedHashMap<>(values);
        }
    }

    private static final class Slot {
        Object value;
        boolean removed;

        Slot(Object value) {
            this.value = value;
        }
    }

    private static final class MList {
        final List<Slot> slots;
        final TreeMap<Integer, Object> appended = new TreeMap<>();

        MList(List<AttributeValue> values) {
            slots = new ArrayList<>(values.size());
            for (AttributeValue v : values) {
                slots.add(new Slot(v));
            }
        }
    }

    /** The container holding the last step of {@code path}, or null if a step on the way is missing or not a container. */
    private static Object navigate(MMap root, Path path) {
        Object current = root;
        List<PathElement> elements = path.elements();
        for (int i = 0; i < elements.size() - 1 && current != null; i++) {
            current = mutableChild(current, elements.get(i));
        }
        return current;
    }

    private static Object mutableChild(Object container, PathElement e) {
        if (container instanceof MMap m && e instanceof PathElement.Name n) {
            Object child = mutable(m.entries.get(n.name()));
            if (child != null) {
                m.entries.put(n.name(), child);
            }
            return child;
        }
        if (container instanceof MList l && e instanceof PathElement.Index i) {
            if (i.index() >= l.slots.size() || l.slots.get(i.index()).removed) {
                return null;
            }
            Slot slot = l.slots.get(i.index());
            Object child = mutable(slot.value);
            if (child != null) {
                slot.value = child;
            }
            return child;
        }
        return null;
    }

    private static Object mutable(Object v) {
        if (v instanceof MMap || v instanceof MList) {
            return v;
        }
        if (v instanceof AttributeValue.M m) {
            return new MMap(m.values());
        }
        if (v instanceof AttributeValue.L l) {
            return new MList(l.values());
        }
        return null;
    }

    /** Whether {@code container} can hold step {@code e}: a map for a name, a list for an index. */
    private static boolean fits(Object container, PathElement e) {
        return (container instanceof MMap && e instanceof PathElement.Name)
                || (container instanceof MList && e instanceof PathElement.Index);
    }

    /** The current (never mutated) value at step {@code e}, or null. */
    private static AttributeValue child(Object container, PathElement e) {
        if (container instanceof MMap m) {
            return materialize(m.entries.get(((PathElement.Name) e).name()));
        }
        MList l = (MList) container;
        int index = ((PathElement.Index) e).index();
        if (index < l.slots.size()) {
            Slot slot = l.slots.get(index);
            return slot.removed ? null : materialize(slot.value);
        }
        return materialize(l.appended.get(index));
    }

    private static boolean put(Object container, PathElement e, AttributeValue value) {
        if (!fits(container, e)) {
            return false;
        }
        if (container instanceof MMap m) {
            m.entries.put(((PathElement.Name) e).name(), value);
            return true;
        }
        MList l = (MList) container;
        int index = ((PathElement.Index) e).index();
        if (index < l.slots.size()) {
            Slot slot = l.slots.get(index);
            slot.value = value;
            slot.removed = false;
        } else {
            l.appended.put(index, value);
        }
        return true;
    }

    private static boolean remove(Object container, PathElement e) {
        if (!fits(container, e)) {
            return false;
        }
        if (container instanceof MMap m) {
            m.entries.remove(((PathElement.Name) e).name());
            return true;
        }
        MList l = (MList) container;
        int index = ((PathElement.Index) e).index();
        if (index < l.slots.size()) {
            l.slots.get(index).removed = true;
        } else {
            l.appended.remove(index);
        }
        return true;
    }

    private static AttributeValue materialize(Object o) {
        if (o == null || o instanceof AttributeValue) {
            return (AttributeValue) o;
        }
        if (o instanceof MMap m) {
            Map<String, AttributeValue> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : m.entries.entrySet()) {
                out.put(e.getKey(), materialize(e.getValue()));
            }
            return new AttributeValue.M(out);
        }
        MList l = (MList) o;
        List<AttributeValue> out = new ArrayList<>(l.slots.size() + l.appended.size());
        for (Slot s : l.slots) {
            if (!s.removed) {
                out.add(materialize(s.value));
            }
        }
        for (Object v : l.appended.values()) {
            out.add(materialize(v));
        }
        return new AttributeValue.L(out);
    }
}
