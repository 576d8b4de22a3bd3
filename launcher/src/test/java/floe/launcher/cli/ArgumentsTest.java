package floe.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The floe command's flags: both forms of a value, repeatable flags, switches, defaults, and each usage error. */
class ArgumentsTest {
    private static final List<Flag> FLAGS = List.of(
            Flag.value("port", "<port>", "8000", "Port (default: ${DEFAULT})."),
            Flag.toggle("in-memory", "In memory."),
            Flag.negatable("throttling", true, "Throttle."),
            Flag.list("plugin", "<name>", "A plugin."),
            Flag.pairs("backend-option", "<key>=<value>", "An option."),
            Flag.toggle("secret", "Hidden.").hide());

    private static Arguments parse(Map<String, String> defaults, String... args) {
        return Arguments.parse(FLAGS, defaults, List.of(args));
    }

    @Test
    void valuesSwitchesAndRepeatableFlags() {
        Arguments a = parse(
                Map.of(),
                "--port=9000",
                "--in-memory",
                "--no-throttling",
                "--plugin",
                "kms",
                "--plugin",
                "parquet",
                "--backend-option",
                "a=1",
                "--backend-option=b=x=y");
        assertEquals(9000, a.integer("port"));
        assertTrue(a.bool("in-memory"));
        assertFalse(a.bool("throttling"));
        assertEquals(List.of("kms", "parquet"), a.list("plugin"));
        assertEquals(Map.of("a", "1", "b", "x=y"), a.pairs("backend-option"));
        assertFalse(a.help());
    }

    @Test
    void aFlagWinsOverTheFileWhichWinsOverTheDefault() {
        assertEquals(8000, parse(Map.of()).integer("port"));
        assertEquals(9001, parse(Map.of("port", "9001")).integer("port"));
        assertEquals(9002, parse(Map.of("port", "9001"), "--port", "9002").integer("port"));
        assertFalse(parse(Map.of("throttling", "false")).bool("throttling"));
        assertTrue(parse(Map.of("throttling", "false"), "--throttling").bool("throttling"));
        assertEquals(List.of(), parse(Map.of()).list("plugin"));
    }

    @Test
    void eachUsageErrorSaysWhatIsWrong() {
        assertEquals(
                "Unknown option: '--prot'",
                assertThrows(UsageException.class, () -> parse(Map.of(), "--prot", "1"))
                        .getMessage());
        assertEquals(
                "Missing required parameter for option '--port' (<port>)",
                assertThrows(UsageException.class, () -> parse(Map.of(), "--port"))
                        .getMessage());
        assertEquals(
                "Invalid value for option '--port': 'abc' is not an int",
                assertThrows(UsageException.class, () -> parse(Map.of(), "--port", "abc")
                                .integer("port"))
                        .getMessage());
        assertEquals(
                "Value for option '--backend-option' should be in KEY=VALUE format but was novalue",
                assertThrows(UsageException.class, () -> parse(Map.of(), "--backend-option", "novalue"))
                        .getMessage());
        assertEquals(
                "Unmatched argument: 'extra'",
                assertThrows(UsageException.class, () -> parse(Map.of(), "extra"))
                        .getMessage());
        assertEquals(
                "Invalid value for option '--in-memory': 'maybe' is not a boolean",
                assertThrows(UsageException.class, () -> parse(Map.of(), "--in-memory=maybe"))
                        .getMessage());
        assertThrows(UsageException.class, () -> parse(Map.of(), "--no-in-memory"), "not negatable");
        List<Flag> named = List.of(Flag.value("table-name", "<table>", null, "The table."));
        assertEquals(
                "Missing required option: '--table-name=<table>'",
                assertThrows(UsageException.class, () -> Arguments.parse(named, Map.of(), List.of())
                                .required("table-name"))
                        .getMessage());
        assertEquals(
                "t",
                Arguments.parse(named, Map.of(), List.of("--table-name", "t")).required("table-name"));
    }

    @Test
    void theUsageShowsTheDefaultsInEffectAndHidesHiddenFlags() {
        String usage = Arguments.usage("floe test", List.of("Tests."), FLAGS, Map.of("port", "9001"));
        assertTrue(usage.startsWith("Usage: floe test [-h] [--port=<port>] [--in-memory] [--[no-]throttling]"), usage);
        assertTrue(usage.contains("Port (default: 9001)."), usage);
        assertTrue(usage.lines().allMatch(line -> line.length() <= 80), usage);
        assertTrue(usage.contains("-h, --help"), usage);
        assertFalse(usage.contains("secret"), usage);
        assertTrue(parse(Map.of(), "--help").help());
    }
}
