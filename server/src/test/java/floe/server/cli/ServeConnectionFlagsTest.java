package floe.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.server.http.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code floe serve}'s connection flags: the timeouts and the connection limit, and the data directory the server names. */
class ServeConnectionFlagsTest {
    private static FloeCommand.Serve parse(String... args) {
        FloeCommand.Serve serve = new FloeCommand.Serve();
        new CommandLine(serve).parseArgs(args);
        return serve;
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
        assertEquals(2, new CommandLine(new FloeCommand.Serve()).execute("--in-memory", "--max-connections", "0"));
    }
}
