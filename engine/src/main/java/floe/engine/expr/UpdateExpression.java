package floe.engine.expr;

import floe.api.AttributeValue;
import floe.api.Stability;
import floe.api.error.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed UpdateExpression (or legacy AttributeUpdates mapped onto the same
 * actions), applied by {@link UpdateApplier}. Actions keep the order written; no two
 * of their paths overlap.
 */
@Stability(Stability.Level.INTERNAL)
public final class UpdateExpression {

    /** One action of an update. */
    @Stability(Stability.Level.INTERNAL)
    public sealed interface Action permits SetAction, RemoveAction, AddAction, DeleteAction {
        /** The document path the action writes. */
        Path path();
    }

    /** {@code SET path = value}. @param path the written path @param value the new value */
    @Stability(Stability.Level.INTERNAL)
    public record SetAction(Path path, Operand value) implements Action {
        /** Rejects nulls. */
        public SetAction {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code REMOVE path}. @param path the removed path */
    @Stability(Stability.Level.INTERNAL)
    public record RemoveAction(Path path) implements Action {
        /** Rejects null. */
        public RemoveAction {
            Objects.requireNonNull(path, "path");
        }
    }

    /** {@code ADD path :value}: adds to a number or a set. @param path the path @param value a number or a set */
    @Stability(Stability.Level.INTERNAL)
    public record AddAction(Path path, AttributeValue value) implements Action {
        /** Rejects nulls. */
        public AddAction {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code DELETE path :value}: removes members from a set. @param path the path @param value a set */
    @Stability(Stability.Level.INTERNAL)
    public record DeleteAction(Path path, AttributeValue value) implements Action {
        /** Rejects nulls. */
        public DeleteAction {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    private final List<Action> actions;
    private final boolean legacy;
    private final boolean onlyRemoves;

    UpdateExpression(List<Action> actions, boolean legacy) {
        this.actions = List.copyOf(actions);
        this.legacy = legacy;
        boolean removes = !actions.isEmpty();
        for (Action a : actions) {
            removes &= a instanceof RemoveAction || a instanceof DeleteAction;
        }
        this.onlyRemoves = removes;
    }

    /**
     * Whether every action removes (REMOVE, DELETE, the legacy DELETE): such an update
     * of a missing item creates nothing.
     */
    public boolean onlyRemoves() {
        return onlyRemoves;
    }

    /** The actions, in the order written. */
    public List<Action> actions() {
        return actions;
    }

    /** Whether this came from the legacy AttributeUpdates parameter, whose errors and ADD differ. */
    boolean legacy() {
        return legacy;
    }

    /** The written paths, in order: what UPDATED_OLD and UPDATED_NEW project. */
    public List<Path> paths() {
        List<Path> paths = new ArrayList<>(actions.size());
        for (Action a : actions) {
            paths.add(a.path());
        }
        return paths;
    }

    /** The top-level attributes the update writes. */
    public Set<String> attributes() {
        Set<String> names = new LinkedHashSet<>();
        for (Action a : actions) {
            names.add(a.path().attribute());
        }
        return names;
    }

    /**
     * Rejects an update that writes a key attribute, at any depth, with DynamoDB's
     * message for the first such action written.
     *
     * @param keyAttributes the names of the table's key attributes
     * @throws ValidationException "One or more parameter values were invalid: Cannot update attribute pk.
     *     This attribute is part of the key"
     */
    public void rejectKeyUpdates(Collection<String> keyAttributes) {
        for (Action a : actions) {
            if (keyAttributes.contains(a.path().attribute())) {
                throw new ValidationException("One or more parameter values were invalid: Cannot update attribute "
                        + a.path().attribute() + ". This attribute is part of the key");
            }
        }
    }

    @Override
    public String toString() {
        return "UpdateExpression" + actions;
    }
}
