package floe.api.error;

import floe.api.Stability;
import java.util.List;
import java.util.stream.Collectors;

/** A transaction was cancelled; {@link #reasons()} gives one reason per action, in request order. */
@Stability(Stability.Level.STABLE)
public final class TransactionCanceledException extends FloeException {
    private static final long serialVersionUID = 1L;
    private final transient List<CancellationReason> reasons;

    /** @param reasons one per action, in request order */
    public TransactionCanceledException(List<CancellationReason> reasons) {
        super(DYNAMODB + "TransactionCanceledException", 400, false, message(reasons));
        this.reasons = List.copyOf(reasons);
    }

    /** One reason per action, in request order. */
    public List<CancellationReason> reasons() {
        return reasons;
    }

    private static String message(List<CancellationReason> reasons) {
        return "Transaction cancelled, please refer cancellation reasons for specific reasons "
                + reasons.stream().map(CancellationReason::code).collect(Collectors.joining(", ", "[", "]"));
    }
}
