/**
 * The {@code s3} object store ({@link floe.plugin.s3store.S3StoreProvider}): FloeDB's exports and
 * imports on Amazon S3 or any S3-compatible endpoint. An object becomes visible only when its
 * stream is closed: small ones in one PutObject, large ones as a multipart upload of bounded
 * parts, completed on close and aborted on failure, so no write holds a whole object in memory.
 */
package floe.plugin.s3store;
