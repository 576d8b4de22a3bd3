/**
 * The control plane: DynamoDB's table and resource operations (create, describe, update and
 * delete tables, tags, resource policies, continuous backups, limits, endpoints). It sits above
 * the features it drives (streams, Time to Live, index backfills, throttling), which build on the
 * table model in {@link floe.engine.table}, so no package reaches back into the control plane.
 */
package floe.engine.control;
