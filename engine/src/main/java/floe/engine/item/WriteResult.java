package floe.engine.item;

/** What became of one write run on its own: its {@link WriteOutcome}, or the {@link Refusal} that left it unwritten. */
public sealed interface WriteResult permits WriteOutcome, Refusal {}
