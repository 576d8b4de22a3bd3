package floe.distribution.tck;

import floe.distribution.console.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * What one run of the kit saw: every test's outcome, by suite, with progress as it goes,
 * the summary and failures at the end, and JUnit XML reports on request (one file per
 * suite, in the format build servers read).
 */
final class KitRun implements TestExecutionListener {
    /** One test's outcome; {@code message} is the failure's or the skip's reason. */
    private record Outcome(String name, Status status, String message, String trace, long nanos) {}

    private enum Status {
        PASSED,
        FAILED,
        SKIPPED
    }

    private final Progress progress;
    private TestPlan plan;
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    /** Per suite (a class with tests of its own), its tests in the order they ran. */
    private final Map<TestIdentifier, List<Outcome>> suites = new LinkedHashMap<>();

    KitRun(Progress progress) {
        this.progress = progress;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        progress.start("running", (int) testPlan.countTestIdentifiers(TestIdentifier::isTest));
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), System.nanoTime());
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        List<TestIdentifier> tests = new ArrayList<>();
        if (id.isTest()) {
            tests.add(id);
        } else {
            collectTests(id, tests);
        }
        for (TestIdentifier t : tests) {
            record(t, Status.SKIPPED, reason, null, 0);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        long nanos = System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime());
        Optional<Throwable> thrown = result.getThrowable();
        // a skip's reason is the assumption's own words; a failure's message says what was thrown
        String message = result.getStatus() == TestExecutionResult.Status.ABORTED
                ? thrown.map(Throwable::getMessage).orElse(null)
                : thrown.map(KitRun::message).orElse(null);
        String trace = thrown.map(KitRun::trace).orElse(null);
        if (id.isTest()) {
            Status status =
                    switch (result.getStatus()) {
                        case SUCCESSFUL -> Status.PASSED;
                        case ABORTED -> Status.SKIPPED;
                        case FAILED -> Status.FAILED;
                    };
            record(id, status, message, trace, nanos);
        } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            // a suite that fails outside its tests (set-up, tear-down) fails as one more test
            record(id, Status.FAILED, message, trace, nanos);
        }
        if (!id.isTest() && suites.containsKey(id)) {
            List<Outcome> outcomes = suites.get(id);
            progress.line(name(id) + ": " + count(outcomes, Status.PASSED) + " passed, "
                    + count(outcomes, Status.FAILED) + " failed, " + count(outcomes, Status.SKIPPED) + " skipped");
        }
    }

    private void collectTests(TestIdentifier container, List<TestIdentifier> into) {
        for (TestIdentifier child : plan.getChildren(container)) {
            if (child.isTest()) {
                into.add(child);
            } else {
                collectTests(child, into);
            }
        }
    }

    private void record(TestIdentifier id, Status status, String message, String trace, long nanos) {
        TestIdentifier suite = id.isTest() ? plan.getParent(id).orElse(id) : id;
        suites.computeIfAbsent(suite, k -> new ArrayList<>()).add(new Outcome(name(id), status, message, trace, nanos));
        if (id.isTest()) {
            progress.advance();
        }
    }

    /** The tests run, passed, failed and skipped. */
    long total() {
        return all().size();
    }

    long failed() {
        return count(all(), Status.FAILED);
    }

    /** Prints the summary: the counts, the skipped tests with their reasons, the failures with their messages. */
    void summary(PrintWriter out) {
        List<Outcome> all = all();
        progress.finish(all.size() + " tests: " + count(all, Status.PASSED) + " passed, " + count(all, Status.FAILED)
                + " failed, " + count(all, Status.SKIPPED) + " skipped");
        List<Outcome> skipped =
                all.stream().filter(o -> o.status() == Status.SKIPPED).toList();
        if (!skipped.isEmpty()) {
            out.println("skipped:");
            skipped.forEach(o -> out.println("  " + o.name() + ": " + firstLine(o.message())));
        }
        List<Outcome> failed =
                all.stream().filter(o -> o.status() == Status.FAILED).toList();
        if (!failed.isEmpty()) {
            out.println("failed:");
            failed.forEach(o -> out.println("  " + o.name() + ": " + firstLine(o.message())));
        }
        out.flush();
    }

    /** Writes one JUnit XML report per suite into {@code dir}. */
    void reports(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<TestIdentifier, List<Outcome>> suite : suites.entrySet()) {
                String className = className(suite.getKey());
                try (Writer w =
                        Files.newBufferedWriter(dir.resolve("TEST-" + className + ".xml"), StandardCharsets.UTF_8)) {
                    writeSuite(w, className, suite.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports to " + dir, e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the reports to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeSuite(Writer w, String className, List<Outcome> outcomes) throws XMLStreamException {
        XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", className);
        x.writeAttribute("tests", Integer.toString(outcomes.size()));
        x.writeAttribute("failures", Long.toString(count(outcomes, Status.FAILED)));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", Long.toString(count(outcomes, Status.SKIPPED)));
        x.writeAttribute(
                "time", seconds(outcomes.stream().mapToLong(Outcome::nanos).sum()));
        x.writeCharacters("\n");
        for (Outcome o : outcomes) {
            x.writeStartElement("testcase");
            x.writeAttribute("name", o.name().substring(o.name().lastIndexOf(" > ") + 3));
            x.writeAttribute("classname", className);
            x.writeAttribute("time", seconds(o.nanos()));
            if (o.status() == Status.FAILED) {
                x.writeStartElement("failure");
                x.writeAttribute("message", o.message() == null ? "" : o.message());
                x.writeCharacters(o.trace() == null ? "" : o.trace());
                x.writeEndElement();
            } else if (o.status() == Status.SKIPPED) {
                x.writeStartElement("skipped");
                x.writeAttribute("message", o.message() == null ? "" : o.message());
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeCharacters("\n");
        }
        x.writeEndElement();
        x.writeEndDocument();
        x.close();
    }

    private List<Outcome> all() {
        return suites.values().stream().flatMap(List::stream).toList();
    }

    private static long count(List<Outcome> outcomes, Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** A test's name for people: its suites and its own display name, the kit's classes by their kit's name. */
    private String name(TestIdentifier id) {
        List<String> parts = new ArrayList<>();
        for (Optional<TestIdentifier> t = Optional.of(id); t.isPresent(); t = plan.getParent(t.get())) {
            if (t.get().getSource().isPresent()) {
                parts.add(0, kitName(t.get().getDisplayName()));
            }
        }
        return String.join(" > ", parts);
    }

    private static String kitName(String displayName) {
        return switch (displayName) {
            case "StorageKit" -> "storage";
            case "BehaviourKit" -> "behaviour";
            case "EndpointKit" -> "wire";
            default -> displayName;
        };
    }

    private static String className(TestIdentifier id) {
        return id.getSource()
                .map(s -> s instanceof ClassSource c
                        ? c.getClassName()
                        : s instanceof MethodSource m ? m.getClassName() : id.getDisplayName())
                .orElse(id.getDisplayName());
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static String trace(Throwable t) {
        StringWriter s = new StringWriter();
        t.printStackTrace(new PrintWriter(s));
        return s.toString();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl) + " ...";
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
