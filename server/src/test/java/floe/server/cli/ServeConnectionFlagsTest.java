package floe.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.server.http.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code floe serve}'s connection flags: the timeouts and the connection limit, and the data directory the server names. */
class ServeConnectionFlagsTest {
    private static FloeCommand.Serve parse(String... args) {
        return FloeCommand.Serve.parse(FloeProperties.NONE, args);
    }

    @Test
    void theDefaultsAreDynamoDbLike() {
        ServerConfig config = parse().serverConfig();
        assertEquals(ServerConfig.Timeouts.DEFAULT, config.timeouts());
        assertEquals(new ServerConfig.Timeouts(20_000, 60_000, 120_000, 10_000), config.timeouts());
        assertEquals(Path.of("floe-data"), config.dataDirectory());
        assertEquals(8000, config.port());
    }

    @Test
    void eachFlagSetsItsLimit() {
        ServerConfig config = parse(
                        "--in-memory",
                        "--idle-timeout",
                        "500",
                        "--header-timeout",
                        "200",
                        "--read-timeout",
                        "300",
                        "--max-connections",
                        "7")
                .serverConfig();
        assertEquals(new ServerConfig.Timeouts(200, 300, 500, 7), config.timeouts());
        assertNull(config.dataDirectory());
    }

    @Test
    void aLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> parse("--idle-timeout", "0")
                .serverConfig());
        StringWriter err = new StringWriter();
        assertEquals(
                2,
                FloeCommand.run(
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(err),
                        "serve",
                        "--in-memory",
                        "--max-connections",
                        "0"));
    }
}
