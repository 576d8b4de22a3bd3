package floe.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The floe command's answers to --help, --version, help and mistakes. */
class FloeCommandTest {
    @Test
    void theCommandAnswersHelpVersionAndMistakes() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, FloeCommand.run(new PrintWriter(out), new PrintWriter(err), "serve", "--help"));
        assertTrue(out.toString().contains("--backend-option=<key>=<value>"), out.toString());
        assertTrue(out.toString().contains("Port to listen on (default: 8000;"), out.toString());
        assertEquals(0, FloeCommand.run(new PrintWriter(out), new PrintWriter(err), "--version"));
        assertTrue(out.toString().contains(FloeCommand.VERSION), out.toString());
        assertEquals(0, FloeCommand.run(new PrintWriter(out), new PrintWriter(err), "help", "plugins"));
        assertTrue(out.toString().contains("Usage: floe plugins"), out.toString());

        assertEquals(2, FloeCommand.run(new PrintWriter(out), new PrintWriter(err)));
        assertTrue(err.toString().contains("Missing command"), err.toString());
        assertEquals(2, FloeCommand.run(new PrintWriter(out), new PrintWriter(err), "serv"));
        assertTrue(err.toString().contains("Unmatched argument: 'serv'"), err.toString());
        assertEquals(2, FloeCommand.run(new PrintWriter(out), new PrintWriter(err), "serve", "--port", "x"));
        assertTrue(
                err.toString().contains("floe serve: Invalid value for option '--port': 'x' is not an int"),
                err.toString());
        assertTrue(err.toString().contains("Try 'floe serve --help'"), err.toString());
    }
}
