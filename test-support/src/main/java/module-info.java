/**
 * Helpers the tests of several FloeDB modules share, used at test scope only: a real
 * S3-compatible server started as a process. Depends on nothing of FloeDB.
 */
module floe.testsupport {
    exports floe.testsupport.s3;
}
