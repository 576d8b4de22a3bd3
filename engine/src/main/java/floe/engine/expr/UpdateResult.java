package floe.engine.expr;

import floe.api.Item;
import floe.api.Stability;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The outcome of {@link UpdateApplier#apply}: the item before and after, and the
 * written paths, from which the UPDATED_OLD and UPDATED_NEW return values are
 * projected (DynamoDB returns only the written parts of nested attributes, and list
 * elements by their index in that version of the item).
 *
 * @param oldItem the item before, or null if there was none
 * @param newItem the item after, or null if the update created nothing (it only removed from a missing item)
 * @param paths the paths the update wrote, in the order written
 */
@Stability(Stability.Level.INTERNAL)
public record UpdateResult(Item oldItem, Item newItem, List<Path> paths) {
    /** Copies the paths. */
    public UpdateResult {
        paths = List.copyOf(paths);
    }

    /** ReturnValues UPDATED_OLD: the written parts as they were (empty if nothing was there). */
    public Item updatedOld() {
        return oldItem == null ? Item.empty() : Projector.project(oldItem, paths);
    }

    /** ReturnValues UPDATED_NEW: the written parts as they are now (removed ones are absent). */
    public Item updatedNew() {
        return newItem == null ? Item.empty() : Projector.project(newItem, paths);
    }

    /** The top-level attributes written. */
    public Set<String> updatedAttributes() {
        Set<String> names = new LinkedHashSet<>();
        for (Path p : paths) {
            names.add(p.attribute());
        }
        return names;
    }
}
