/**
 * Global tables (version 2019.11.21) for FloeDB: replicas of a table in other Regions served by
 * other FloeDB servers, active-active, converging by last writer wins on each item's hidden
 * stamp. Changes ship over HTTP on FloeDB's normal port, in a compact binary form.
 */
module floe.plugin.replication {
    requires floe.spi;

    provides floe.spi.plugin.FloePlugin with
            floe.plugin.replication.ReplicationPlugin;
}
