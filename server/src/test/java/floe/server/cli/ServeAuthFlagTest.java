package floe.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.launcher.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe serve --auth} and {@code auth=on}: off by default, the identities file where it is asked for. */
class ServeAuthFlagTest {
    @TempDir
    Path dir;

    private FloeProperties file(String text) throws IOException {
        Path f = dir.resolve("floe.properties");
        Files.writeString(f, text);
        return FloeProperties.read(f);
    }

    @Test
    void authenticationIsOffByDefault() {
        assertNull(FloeCommand.Serve.parse(FloeProperties.NONE).serverConfig().identities());
    }

    @Test
    void theFlagTurnsItOnWithTheDefaultOrAGivenFile() {
        assertEquals(
                Path.of("conf", "identities.properties"),
                FloeCommand.Serve.parse(FloeProperties.NONE, "--auth")
                        .serverConfig()
                        .identities());
        assertEquals(
                Path.of("ids.properties"),
                FloeCommand.Serve.parse(FloeProperties.NONE, "--auth", "--identities", "ids.properties")
                        .serverConfig()
                        .identities());
        assertNull(FloeCommand.Serve.parse(FloeProperties.NONE, "--identities", "ids.properties")
                .serverConfig()
                .identities());
    }

    @Test
    void theFileSaysOnOrOffAndAFlagWins() throws IOException {
        FloeProperties on = file("auth=on\nidentities=team.properties\n");
        assertEquals(
                Path.of("team.properties"),
                FloeCommand.Serve.parse(on).serverConfig().identities());
        assertNull(FloeCommand.Serve.parse(on, "--no-auth").serverConfig().identities());
        assertNull(FloeCommand.Serve.parse(file("auth=off\n")).serverConfig().identities());
        assertEquals(
                "auth is on or off, not 'maybe'",
                assertThrows(UsageException.class, () -> FloeCommand.Serve.parse(file("auth=maybe\n")))
                        .getMessage());
    }

    @Test
    void aMissingOrWrongIdentitiesFileStopsTheServerBeforeItStarts() throws IOException {
        String missing = dir.resolve("absent.properties").toString();
        java.io.StringWriter said = new java.io.StringWriter();
        assertEquals(
                2,
                FloeCommand.Serve.parse(
                                FloeProperties.NONE, "--in-memory", "--port", "0", "--auth", "--identities", missing)
                        .call(new java.io.PrintWriter(said, true)));
        assertTrue(
                said.toString().startsWith("floe: --auth needs an identities file: cannot read " + missing),
                said.toString());
        Path wrong = dir.resolve("wrong.properties");
        Files.writeString(wrong, "key.AKIA.secret=s\n");
        assertEquals(
                2,
                FloeCommand.Serve.parse(
                                FloeProperties.NONE,
                                "--in-memory",
                                "--port",
                                "0",
                                "--auth",
                                "--identities",
                                wrong.toString())
                        .call(new java.io.PrintWriter(said, true)));
    }
}
