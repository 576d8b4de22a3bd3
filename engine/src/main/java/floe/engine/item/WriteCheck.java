package floe.engine.item;

/**
 * What {@link ItemWriter#check} found for one write, before anything is written:
 * a {@link WritePlan} to apply, or a {@link Refusal}.
 */
public sealed interface WriteCheck permits WritePlan, Refusal {
    /** The write as checked, against the table's latest definition. */
    ItemWrite write();

    /** The plan; a refusal throws its error (a failed condition without the old item), for writes with no one to tell more. */
    default WritePlan orThrow() {
        if (this instanceof Refusal refusal) {
            throw refusal.error(false);
        }
        return (WritePlan) this;
    }
}
