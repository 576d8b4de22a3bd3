package floe.engine.item;

/**
 * What {@link ItemWriter#check} found for one write, before anything is written:
 * a {@link WritePlan} to apply, or a {@link Refusal}.
 */
public sealed interface WriteCheck permits WritePlan, Refusal {
    /** The write as checked, against the table's latest definition. */
    ItemWrite write();

    /**
     * The plan, or a refusal's error thrown (a failed condition's without the old
     * item): for writes that have no ReturnValuesOnConditionCheckFailure to honour.
     */
    default WritePlan orThrow() {
        if (this instanceof Refusal refusal) {
            throw refusal.error(false);
        }
        return (WritePlan) this;
    }
}
