package floe.tck.behaviour;

import floe.api.Stability;
import floe.spi.extension.ChangeListener;
import floe.spi.extension.ChangeListenerProvider;
import floe.spi.extension.CommittedChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The change listener the change-listener suite drives: a plugin as a user writes one,
 * found through {@link java.util.ServiceLoader} under the name {@value #NAME}. It keeps
 * the changes it acknowledged in the {@link Recording} its option {@code recording}
 * names, and can be told to fail.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class RecordingChangeListener implements ChangeListener {
    /** The provider's name. */
    public static final String NAME = "tckRecording";

    private static final Map<String, Recording> RECORDINGS = new ConcurrentHashMap<>();

    private final Recording recording;

    private RecordingChangeListener(Recording recording) {
        this.recording = recording;
    }

    /** The recording named {@code id}, made on first use. */
    public static Recording recording(String id) {
        return RECORDINGS.computeIfAbsent(id, k -> new Recording());
    }

    @Override
    public void onChanges(List<CommittedChange> changes) {
        recording.deliver(changes);
    }

    /** What one listener (or several, one after another) received and acknowledged. */
    public static final class Recording {
        private final List<CommittedChange> acknowledged = new ArrayList<>();
        private int failures;
        private int attempts;

        synchronized void deliver(List<CommittedChange> changes) {
            attempts++;
            if (failures != 0) {
                if (failures > 0) {
                    failures--;
                }
                throw new IllegalStateException("told to fail");
            }
            acknowledged.addAll(changes);
            notifyAll();
        }

        /** Fails the next {@code n} deliveries; a negative {@code n}: every one until told otherwise. */
        public synchronized void fail(int n) {
            failures = n;
        }

        /** Deliveries attempted, failed ones included. */
        public synchronized int attempts() {
            return attempts;
        }

        /** The changes acknowledged so far, in delivery order. */
        public synchronized List<CommittedChange> changes() {
            return List.copyOf(acknowledged);
        }

        /**
         * Waits until at least {@code count} changes were acknowledged, and returns them all.
         *
         * @throws AssertionError if they do not come within ten seconds
         */
        public synchronized List<CommittedChange> await(int count) throws InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (acknowledged.size() < count) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new AssertionError("waited 10 s for " + count + " changes; received " + acknowledged.size()
                            + " after " + attempts + " deliveries: " + acknowledged);
                }
                wait(left);
            }
            return List.copyOf(acknowledged);
        }
    }

    /** Finds the listener; option {@code recording} names where it records. */
    public static final class Provider implements ChangeListenerProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public ChangeListener open(Map<String, String> options) {
            String id = options.get("recording");
            if (id == null) {
                throw new IllegalArgumentException(NAME + " needs option 'recording'");
            }
            return new RecordingChangeListener(recording(id));
        }
    }
}
