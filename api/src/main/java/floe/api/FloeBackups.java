package floe.api;

import floe.api.model.CreateBackupRequest;
import floe.api.model.CreateBackupResponse;
import floe.api.model.DeleteBackupRequest;
import floe.api.model.DeleteBackupResponse;
import floe.api.model.DescribeBackupRequest;
import floe.api.model.DescribeBackupResponse;
import floe.api.model.ListBackupsRequest;
import floe.api.model.ListBackupsResponse;
import floe.api.model.RestoreTableFromBackupRequest;
import floe.api.model.RestoreTableFromBackupResponse;
import floe.api.model.RestoreTableToPointInTimeRequest;
import floe.api.model.RestoreTableToPointInTimeResponse;

/**
 * DynamoDB's backups: on-demand backups of a table and restores, from a backup or
 * from a table's point-in-time recovery history, into a new table. Every method
 * behaves as the DynamoDB operation of the same name and fails with the
 * {@link floe.api.error.FloeException} it would answer with. Thread-safe. Reach it
 * through {@link FloeDb#backups()}; point-in-time recovery itself is turned on and off
 * with {@link FloeDb#updateContinuousBackups}.
 *
 * <p>A backup is an image of its table at one instant, copied in the background: it
 * is CREATING until the copy is done, then AVAILABLE. Backups outlive their table. A
 * restore creates a new table, CREATING until every item and index entry is in, then
 * ACTIVE.
 */
@Stability(Stability.Level.STABLE)
public interface FloeBackups {

    /** CreateBackup: starts a backup of a table's current image. */
    CreateBackupResponse createBackup(CreateBackupRequest request);

    /** DescribeBackup: a backup and the table it was made of. */
    DescribeBackupResponse describeBackup(DescribeBackupRequest request);

    /** ListBackups: the backups (of one table, or all), filtered by time and type, paged by backup ARN. */
    ListBackupsResponse listBackups(ListBackupsRequest request);

    /** DeleteBackup: deletes an AVAILABLE backup. */
    DeleteBackupResponse deleteBackup(DeleteBackupRequest request);

    /** RestoreTableFromBackup: a new table with a backup's items and indexes. */
    RestoreTableFromBackupResponse restoreTableFromBackup(RestoreTableFromBackupRequest request);

    /** RestoreTableToPointInTime: a new table with a table's items as they were at an instant of its recovery window. */
    RestoreTableToPointInTimeResponse restoreTableToPointInTime(RestoreTableToPointInTimeRequest request);
}
