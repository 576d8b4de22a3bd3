/**
 * The {@code s3} object store: buckets and keys of any S3-compatible endpoint, through the
 * AWS SDK's S3 client over its URLConnection HTTP client, all in this plugin's layer.
 */
module floe.plugin.s3store {
    requires floe.spi;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.services.s3;

    provides floe.spi.extension.ObjectStoreProvider with
            floe.plugin.s3store.S3StoreProvider;
}
