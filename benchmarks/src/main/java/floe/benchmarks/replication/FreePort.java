package floe.benchmarks.replication;

import java.io.IOException;
import java.net.ServerSocket;

/** Prints a TCP port free on this machine now, for the benchmark's servers. */
public final class FreePort {
    private FreePort() {}

    public static void main(String[] args) throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            System.out.println(s.getLocalPort());
        }
    }
}
