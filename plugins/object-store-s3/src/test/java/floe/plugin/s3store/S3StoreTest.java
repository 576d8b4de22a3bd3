package floe.plugin.s3store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.spi.extension.ObjectInfo;
import floe.spi.extension.ObjectStore;
import floe.spi.extension.ObjectStoreException;
import floe.spi.extension.ObjectStoreProvider;
import floe.spi.extension.PutOptions;
import floe.testsupport.s3.S3MockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The {@code s3} store against a real S3-compatible server (S3Mock, a process of its own on
 * 127.0.0.1), found through ServiceLoader and opened with options as FloeDB passes them. A
 * second S3 client, the test's own, looks at the server's side (multipart uploads, ETags).
 */
final class S3StoreTest {
    private static final String BUCKET = "exports";
    private static final int PART = 5 << 20;

    @TempDir
    static Path dir;

    private static S3MockServer server;
    private static S3Client inspect;
    private ObjectStore store;
    private String prefix;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3MockServer.start(dir, BUCKET);
        inspect = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .forcePathStyle(true)
                .build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (inspect != null) {
            inspect.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static Map<String, String> options() {
        Map<String, String> o = new HashMap<>();
        o.put("endpoint", server.endpoint());
        o.put("region", "eu-west-1");
        o.put("accessKeyId", "AKIDEXAMPLE");
        o.put("secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        o.put("pathStyle", "true");
        o.put("partSize", Integer.toString(PART));
        return o;
    }

    static ObjectStoreProvider provider() {
        for (ObjectStoreProvider p : ServiceLoader.load(ObjectStoreProvider.class)) {
            if (p.name().equals("s3")) {
                return p;
            }
        }
        throw new AssertionError("no s3 object store registered");
    }

    @BeforeEach
    void open(TestInfo test) {
        store = provider().open(options());
        prefix = test.getTestMethod().orElseThrow().getName() + "/";
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void write(String key, byte[] bytes) throws IOException {
        try (OutputStream out = store.put(BUCKET, key)) {
            out.write(bytes);
        }
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = store.get(BUCKET, key)) {
            return in.readAllBytes();
        }
    }

    private static String code(IOException e) {
        return e instanceof ObjectStoreException o ? o.code() : "not an ObjectStoreException: " + e;
    }

    private List<String> keys(String prefix) throws IOException {
        return store.list(BUCKET, prefix, null, 1000).stream()
                .map(ObjectInfo::key)
                .toList();
    }

    @Test
    void putGetListDelete() throws Exception {
        byte[] hello = "hello, S3 ✓".getBytes(StandardCharsets.UTF_8);
        write(prefix + "a.txt", hello);
        write(prefix + "b/c.txt", new byte[0]);
        assertArrayEquals(hello, read(prefix + "a.txt"));
        assertArrayEquals(new byte[0], read(prefix + "b/c.txt"));
        List<ObjectInfo> listed = store.list(BUCKET, prefix, null, 100);
        assertEquals(
                List.of(prefix + "a.txt", prefix + "b/c.txt"),
                listed.stream().map(ObjectInfo::key).toList());
        assertEquals(hello.length, listed.get(0).size());
        assertTrue(listed.get(0).lastModified() != null);
        assertEquals(List.of(prefix + "b/c.txt"), keys(prefix + "b/"));

        // a put replaces
        write(prefix + "a.txt", "again".getBytes(StandardCharsets.UTF_8));
        assertEquals("again", new String(read(prefix + "a.txt"), StandardCharsets.UTF_8));

        store.delete(BUCKET, prefix + "a.txt");
        assertEquals(List.of(prefix + "b/c.txt"), keys(prefix));
        ObjectStoreException gone = assertThrows(ObjectStoreException.class, () -> store.get(BUCKET, prefix + "a.txt"));
        assertEquals(ObjectStoreException.NO_SUCH_KEY, gone.code());
        store.delete(BUCKET, prefix + "a.txt"); // deleting what is not there succeeds, as in S3
    }

    @Test
    void listPagesInKeyOrderAfterTheLastKey() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 24; i >= 0; i--) {
            write(prefix + String.format("k%03d", i), new byte[] {(byte) i});
        }
        for (int i = 0; i < 25; i++) {
            expected.add(prefix + String.format("k%03d", i));
        }
        write("other/" + prefix + "k000", new byte[1]);
        List<String> paged = new ArrayList<>();
        String after = null;
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            List<ObjectInfo> page = store.list(BUCKET, prefix, after, 10);
            sizes.add(page.size());
            if (page.isEmpty()) {
                break;
            }
            page.forEach(o -> paged.add(o.key()));
            after = page.get(page.size() - 1).key();
        }
        assertEquals(expected, paged);
        assertEquals(List.of(10, 10, 5, 0), sizes);
        assertEquals(List.of(prefix + "k024"), keys(prefix + "k02").subList(4, 5));
    }

    @Test
    void aMissingBucketOrKeyHasS3sCode() throws Exception {
        String missing = "no-such-bucket-here";
        List<IOException> bucketErrors = new ArrayList<>();
        bucketErrors.add(assertThrows(IOException.class, () -> store.get(missing, "k")));
        bucketErrors.add(assertThrows(IOException.class, () -> store.put(missing, "k")));
        bucketErrors.add(assertThrows(IOException.class, () -> store.list(missing, "", null, 10)));
        bucketErrors.add(assertThrows(IOException.class, () -> store.delete(missing, "k")));
        for (IOException e : bucketErrors) {
            assertEquals(ObjectStoreException.NO_SUCH_BUCKET, code(e), e.toString());
            assertEquals("The specified bucket does not exist: " + missing, e.getMessage());
        }
        IOException key = assertThrows(IOException.class, () -> store.get(BUCKET, prefix + "none"));
        assertEquals(ObjectStoreException.NO_SUCH_KEY, code(key));
        IOException name = assertThrows(IOException.class, () -> store.get("Not_A_Bucket", "k"));
        assertEquals(ObjectStoreException.INVALID_BUCKET_NAME, code(name));
        assertEquals("The specified bucket is not valid: Not_A_Bucket", name.getMessage());
    }

    @Test
    void nothingIsVisibleUntilCloseAndAReplacedObjectStaysWholeUntilThen() throws Exception {
        String small = prefix + "small";
        OutputStream out = store.put(BUCKET, small);
        out.write(new byte[1000]);
        assertEquals(List.of(), keys(prefix));
        out.close();
        assertEquals(List.of(small), keys(prefix));

        String big = prefix + "big";
        write(big, "version 1".getBytes(StandardCharsets.UTF_8));
        OutputStream replacing = store.put(BUCKET, big);
        replacing.write(new byte[2 * PART + 10]); // two parts uploaded already
        assertEquals(1, uploads(big), "a multipart upload under way");
        assertEquals("version 1", new String(read(big), StandardCharsets.UTF_8), "the old object, whole");
        replacing.close();
        assertEquals(2 * PART + 10, read(big).length);
        assertEquals(0, uploads(big));
    }

    @Test
    void anAbandonedWriteLeavesNothing() throws Exception {
        String key = prefix + "abandoned";
        OutputStream out = store.put(BUCKET, key);
        out.write(new byte[PART + 1]);
        assertEquals(1, uploads(key));
        assertEquals(List.of(), keys(prefix));
        // FloeDB closes its store on shutdown: uploads still open are aborted, their parts dropped
        store.close();
        assertEquals(0, uploads(key));
        store = provider().open(options());
        assertEquals(List.of(), keys(prefix));
        assertEquals(ObjectStoreException.NO_SUCH_KEY, code(assertThrows(IOException.class, () -> read(key))));
    }

    @Test
    void serverSideEncryptionGoesWithThePutAndTheMultipartUpload() throws Exception {
        String aes = prefix + "aes.json";
        try (OutputStream out = store.put(BUCKET, aes, new PutOptions("AES256", null))) {
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        var head = inspect.headObject(h -> h.bucket(BUCKET).key(aes));
        assertEquals(ServerSideEncryption.AES256, head.serverSideEncryption(), head.toString());

        String kms = prefix + "kms.json";
        try (OutputStream out = store.put(BUCKET, kms, new PutOptions("KMS", S3MockServer.KMS_KEY))) {
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        head = inspect.headObject(h -> h.bucket(BUCKET).key(kms));
        assertEquals(ServerSideEncryption.AWS_KMS, head.serverSideEncryption(), head.toString());
        assertTrue(head.ssekmsKeyId().endsWith(S3MockServer.KMS_KEY), head.toString());

        // more than a part: a multipart upload, whose CreateMultipartUpload carries the
        // encryption (S3Mock takes a finished upload's encryption from its Complete request,
        // which S3 does not, so HeadObject cannot show it; a key it does not know shows that
        // the upload's first request had it)
        byte[] bytes = new byte[PART + 1000];
        new Random(3).nextBytes(bytes);
        String large = prefix + "kms.bin";
        try (OutputStream out = store.put(BUCKET, large, new PutOptions("KMS", S3MockServer.KMS_KEY))) {
            out.write(bytes);
        }
        head = inspect.headObject(h -> h.bucket(BUCKET).key(large));
        assertTrue(head.eTag().replace("\"", "").endsWith("-2"), "multipart: " + head.eTag());
        assertArrayEquals(bytes, read(large));
        IOException refused = assertThrows(IOException.class, () -> {
            try (OutputStream out = store.put(BUCKET, prefix + "unknown.bin", new PutOptions("KMS", "no-such-key"))) {
                out.write(bytes);
            }
        });
        assertEquals("KMS.NotFoundException", code(refused), refused.toString());
        assertEquals(List.of(), keys(prefix + "unknown"));

        String plain = prefix + "plain.json";
        write(plain, new byte[] {1});
        head = inspect.headObject(h -> h.bucket(BUCKET).key(plain));
        assertEquals(null, head.serverSideEncryption(), head.toString());
    }

    @Test
    void aLargeObjectStreamsInPartsBothWays() throws Exception {
        String key = prefix + "large.bin";
        long size = 17L * 1024 * 1024 + 12345; // more than 16 MB: four parts of 5 MiB at most
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        Random r = new Random(7);
        byte[] chunk = new byte[64 << 10];
        try (OutputStream out = store.put(BUCKET, key)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(chunk.length, left);
                r.nextBytes(chunk);
                out.write(chunk, 0, n);
                written.update(chunk, 0, n);
                left -= n;
            }
        }
        String etag = inspect.headObject(h -> h.bucket(BUCKET).key(key)).eTag();
        assertTrue(etag.replace("\"", "").endsWith("-4"), "a multipart object of four parts: " + etag);
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (InputStream in = store.get(BUCKET, key)) {
            byte[] buffer = new byte[64 << 10];
            for (int n; (n = in.read(buffer)) > 0; ) {
                read.update(buffer, 0, n);
                total += n;
            }
        }
        assertEquals(size, total);
        assertArrayEquals(written.digest(), read.digest());
        assertEquals(size, store.list(BUCKET, key, null, 1).get(0).size());
    }

    @Test
    void wrongOptionsAreNamed() {
        record Case(Map<String, String> options, String message) {}
        for (Case c : List.of(
                new Case(
                        Map.of("bucket", "x"),
                        "unknown option(s) of the s3 object store: [bucket]; known: [accessKeyId, endpoint, partSize,"
                                + " pathStyle, region, secretAccessKey, sessionToken]"),
                new Case(
                        Map.of("endpoint", "ftp://host"),
                        "option endpoint must be an http:// or https:// URL, not" + " ftp://host"),
                new Case(Map.of("pathStyle", "yes"), "option pathStyle must be true or false, not 'yes'"),
                new Case(
                        Map.of("partSize", "1024"),
                        "option partSize must be at least 5242880 bytes (S3's smallest part), not 1024"),
                new Case(
                        Map.of("accessKeyId", "AKID"),
                        "options accessKeyId and secretAccessKey go together: give both or neither (neither: the AWS"
                                + " SDK's default credentials)"))) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> provider().open(c.options()));
            assertEquals(c.message(), e.getMessage());
        }
        assertTrue(!S3Options.of(options()).toString().contains("wJalr"), "the secret is never printed");
    }

    private static int uploads(String key) {
        return (int) inspect.listMultipartUploads(l -> l.bucket(BUCKET).prefix(key)).uploads().stream()
                .filter(u -> u.key().equals(key))
                .count();
    }
}
