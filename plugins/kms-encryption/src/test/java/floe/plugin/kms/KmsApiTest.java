package floe.plugin.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.tck.behaviour.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.RotationType;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;

/** The KMS API through the AWS SDK for Java v2's KMS client, as a user manages keys. */
class KmsApiTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private KmsNode node;
    private KmsClient kms;

    @BeforeEach
    void start() {
        node = KmsNode.start(
                dir.resolve("data"),
                clock,
                "memory",
                true,
                Map.of("rootKeyFile", dir.resolve("k").toString()));
        kms = node.kms;
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void keysAreCreatedDescribedAndListedAsKmsShowsThem() {
        KeyMetadata created = kms.createKey(b -> b.description("orders")).keyMetadata();
        assertTrue(created.keyId().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertEquals("arn:aws:kms:us-east-1:000000000000:key/" + created.keyId(), created.arn());
        assertEquals("000000000000", created.awsAccountId());
        assertEquals(KeyState.ENABLED, created.keyState());
        assertTrue(created.enabled());
        assertEquals(KeyManagerType.CUSTOMER, created.keyManager());
        assertEquals("SYMMETRIC_DEFAULT", created.keySpecAsString());
        assertEquals(clock.instant(), created.creationDate());
        assertEquals("orders", created.description());

        kms.createAlias(b -> b.aliasName("alias/orders").targetKeyId(created.keyId()));
        for (String name : List.of(
                created.keyId(), created.arn(), "alias/orders", "arn:aws:kms:us-east-1:000000000000:alias/orders")) {
            assertEquals(
                    created.keyId(),
                    kms.describeKey(b -> b.keyId(name)).keyMetadata().keyId(),
                    name);
        }
        KeyMetadata second = kms.createKey(b -> b.description("second")).keyMetadata();
        ListKeysResponse page = kms.listKeys(b -> b.limit(1));
        assertTrue(page.truncated());
        ListKeysResponse rest = kms.listKeys(b -> b.marker(page.nextMarker()));
        assertFalse(rest.truncated());
        assertEquals(2, page.keys().size() + rest.keys().size());
        assertTrue(rest.keys().stream().anyMatch(k -> k.keyId().equals(second.keyId()))
                || page.keys().stream().anyMatch(k -> k.keyId().equals(second.keyId())));

        NotFoundException missing = assertThrows(
                NotFoundException.class, () -> kms.describeKey(b -> b.keyId("1234abcd-12ab-34cd-56ef-1234567890ab")));
        assertEquals(
                "Key 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab' does not exist",
                missing.awsErrorDetails().errorMessage());
        NotFoundException noAlias =
                assertThrows(NotFoundException.class, () -> kms.describeKey(b -> b.keyId("alias/nothing")));
        assertEquals(
                "Alias arn:aws:kms:us-east-1:000000000000:alias/nothing is not found.",
                noAlias.awsErrorDetails().errorMessage());
    }

    @Test
    void aliasesAreCreatedMovedAndDeleted() {
        String a = kms.createKey(b -> {}).keyMetadata().keyId();
        String b2 = kms.createKey(b -> {}).keyMetadata().keyId();
        kms.createAlias(b -> b.aliasName("alias/app").targetKeyId(a));
        AlreadyExistsException twice = assertThrows(
                AlreadyExistsException.class,
                () -> kms.createAlias(b -> b.aliasName("alias/app").targetKeyId(b2)));
        assertEquals(
                "An alias with the name arn:aws:kms:us-east-1:000000000000:alias/app already exists",
                twice.awsErrorDetails().errorMessage());
        kms.updateAlias(b -> b.aliasName("alias/app").targetKeyId(b2));
        AliasListEntry entry = kms.listAliases(b -> b.keyId(b2)).aliases().get(0);
        assertEquals("alias/app", entry.aliasName());
        assertEquals("arn:aws:kms:us-east-1:000000000000:alias/app", entry.aliasArn());
        assertEquals(b2, entry.targetKeyId());
        assertEquals(List.of(), kms.listAliases(b -> b.keyId(a)).aliases());
        kms.deleteAlias(b -> b.aliasName("alias/app"));
        assertThrows(NotFoundException.class, () -> kms.deleteAlias(b -> b.aliasName("alias/app")));
        KmsException bad = assertThrows(
                KmsException.class,
                () -> kms.createAlias(b -> b.aliasName("app").targetKeyId(a)));
        assertEquals("ValidationException", bad.awsErrorDetails().errorCode());
    }

    @Test
    void encryptDecryptReEncryptAndDataKeys() {
        String a = kms.createKey(b -> {}).keyMetadata().keyId();
        String b2 = kms.createKey(b -> {}).keyMetadata().keyId();
        byte[] secret = "the plaintext".getBytes(StandardCharsets.UTF_8);
        Map<String, String> context = Map.of("table", "Orders");
        EncryptResponse e = kms.encrypt(
                b -> b.keyId(a).plaintext(SdkBytes.fromByteArray(secret)).encryptionContext(context));
        assertEquals("arn:aws:kms:us-east-1:000000000000:key/" + a, e.keyId());
        DecryptResponse d =
                kms.decrypt(b -> b.ciphertextBlob(e.ciphertextBlob()).encryptionContext(context));
        assertArrayEquals(secret, d.plaintext().asByteArray());
        assertEquals(e.keyId(), d.keyId());
        // the encryption context is bound to the ciphertext
        assertThrows(InvalidCiphertextException.class, () -> kms.decrypt(b -> b.ciphertextBlob(e.ciphertextBlob())));
        assertThrows(
                IncorrectKeyException.class,
                () -> kms.decrypt(b -> b.ciphertextBlob(e.ciphertextBlob())
                        .encryptionContext(context)
                        .keyId(b2)));

        SdkBytes moved = kms.reEncrypt(b -> b.ciphertextBlob(e.ciphertextBlob())
                        .sourceEncryptionContext(context)
                        .destinationKeyId(b2))
                .ciphertextBlob();
        DecryptResponse again = kms.decrypt(b -> b.ciphertextBlob(moved));
        assertArrayEquals(secret, again.plaintext().asByteArray());
        assertTrue(again.keyId().endsWith(b2));

        GenerateDataKeyResponse dk = kms.generateDataKey(b -> b.keyId(a).keySpec(DataKeySpec.AES_256));
        assertEquals(32, dk.plaintext().asByteArray().length);
        assertArrayEquals(
                dk.plaintext().asByteArray(),
                kms.decrypt(b -> b.ciphertextBlob(dk.ciphertextBlob()))
                        .plaintext()
                        .asByteArray());
        SdkBytes sealedOnly = kms.generateDataKeyWithoutPlaintext(
                        b -> b.keyId(a).numberOfBytes(16))
                .ciphertextBlob();
        assertEquals(
                16, kms.decrypt(b -> b.ciphertextBlob(sealedOnly)).plaintext().asByteArray().length);
        KmsException neither = assertThrows(KmsException.class, () -> kms.generateDataKey(b -> b.keyId(a)));
        assertEquals("ValidationException", neither.awsErrorDetails().errorCode());
    }

    @Test
    void disabledAndPendingDeletionKeysRefuseToWork() {
        String a = kms.createKey(b -> {}).keyMetadata().keyId();
        String arn = "arn:aws:kms:us-east-1:000000000000:key/" + a;
        SdkBytes blob = kms.encrypt(b -> b.keyId(a).plaintext(SdkBytes.fromUtf8String("x")))
                .ciphertextBlob();
        kms.disableKey(b -> b.keyId(a));
        assertEquals(
                KeyState.DISABLED,
                kms.describeKey(b -> b.keyId(a)).keyMetadata().keyState());
        DisabledException disabled = assertThrows(
                DisabledException.class, () -> kms.encrypt(b -> b.keyId(a).plaintext(SdkBytes.fromUtf8String("x"))));
        assertEquals(arn + " is disabled.", disabled.awsErrorDetails().errorMessage());
        assertThrows(DisabledException.class, () -> kms.decrypt(b -> b.ciphertextBlob(blob)));
        kms.enableKey(b -> b.keyId(a));
        assertEquals("x", kms.decrypt(b -> b.ciphertextBlob(blob)).plaintext().asUtf8String());

        KmsException tooShort = assertThrows(
                KmsException.class,
                () -> kms.scheduleKeyDeletion(b -> b.keyId(a).pendingWindowInDays(6)));
        assertEquals("ValidationException", tooShort.awsErrorDetails().errorCode());
        assertEquals(
                "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 7",
                tooShort.awsErrorDetails().errorMessage());
        ScheduleKeyDeletionResponse scheduled =
                kms.scheduleKeyDeletion(b -> b.keyId(a).pendingWindowInDays(7));
        assertEquals(KeyState.PENDING_DELETION, scheduled.keyState());
        assertEquals(clock.instant().plus(Duration.ofDays(7)), scheduled.deletionDate());
        assertEquals(arn, scheduled.keyId());
        KmsInvalidStateException pending = assertThrows(
                KmsInvalidStateException.class,
                () -> kms.encrypt(b -> b.keyId(a).plaintext(SdkBytes.fromUtf8String("x"))));
        assertEquals(arn + " is pending deletion.", pending.awsErrorDetails().errorMessage());
        assertThrows(KmsInvalidStateException.class, () -> kms.enableKey(b -> b.keyId(a)));

        kms.cancelKeyDeletion(b -> b.keyId(a));
        KeyMetadata back = kms.describeKey(b -> b.keyId(a)).keyMetadata();
        assertEquals(KeyState.DISABLED, back.keyState());
        assertNull(back.deletionDate());
        kms.enableKey(b -> b.keyId(a));

        kms.scheduleKeyDeletion(b -> b.keyId(a).pendingWindowInDays(7));
        clock.advance(Duration.ofDays(7));
        assertThrows(NotFoundException.class, () -> kms.describeKey(b -> b.keyId(a)));
        assertTrue(
                kms.listKeys(b -> {}).keys().stream().noneMatch(k -> k.keyId().equals(a)));
    }

    @Test
    void rotationMakesNewVersionsAndOldCiphertextsStillDecrypt() {
        String a = kms.createKey(b -> {}).keyMetadata().keyId();
        GetKeyRotationStatusResponse off = kms.getKeyRotationStatus(b -> b.keyId(a));
        assertFalse(off.keyRotationEnabled());
        SdkBytes before = kms.encrypt(b -> b.keyId(a).plaintext(SdkBytes.fromUtf8String("before")))
                .ciphertextBlob();

        kms.enableKeyRotation(b -> b.keyId(a).rotationPeriodInDays(90));
        GetKeyRotationStatusResponse on = kms.getKeyRotationStatus(b -> b.keyId(a));
        assertTrue(on.keyRotationEnabled());
        assertEquals(90, on.rotationPeriodInDays());
        assertEquals(clock.instant().plus(Duration.ofDays(90)), on.nextRotationDate());
        KmsException period = assertThrows(
                KmsException.class, () -> kms.enableKeyRotation(b -> b.keyId(a).rotationPeriodInDays(89)));
        assertEquals("ValidationException", period.awsErrorDetails().errorCode());

        kms.rotateKeyOnDemand(b -> b.keyId(a));
        SdkBytes middle = kms.encrypt(b -> b.keyId(a).plaintext(SdkBytes.fromUtf8String("middle")))
                .ciphertextBlob();
        assertNotEquals(before, middle);
        clock.advance(Duration.ofDays(91));
        var rotations = kms.listKeyRotations(b -> b.keyId(a)).rotations();
        assertEquals(
                List.of(RotationType.ON_DEMAND, RotationType.AUTOMATIC),
                rotations.stream().map(r -> r.rotationType()).toList());
        SdkBytes after = kms.encrypt(b -> b.keyId(a).plaintext(SdkBytes.fromUtf8String("after")))
                .ciphertextBlob();
        assertEquals(
                "before", kms.decrypt(b -> b.ciphertextBlob(before)).plaintext().asUtf8String());
        assertEquals(
                "middle", kms.decrypt(b -> b.ciphertextBlob(middle)).plaintext().asUtf8String());
        assertEquals(
                "after", kms.decrypt(b -> b.ciphertextBlob(after)).plaintext().asUtf8String());

        kms.disableKeyRotation(b -> b.keyId(a));
        assertFalse(kms.getKeyRotationStatus(b -> b.keyId(a)).keyRotationEnabled());
    }

    @Test
    void theManagedKeyExistsOnceAskedForAndCannotBeManaged() {
        KeyMetadata managed =
                kms.describeKey(b -> b.keyId("alias/aws/dynamodb")).keyMetadata();
        assertEquals(KeyManagerType.AWS, managed.keyManager());
        assertTrue(kms.getKeyRotationStatus(b -> b.keyId("alias/aws/dynamodb")).keyRotationEnabled());
        KmsException refused = assertThrows(KmsException.class, () -> kms.disableKey(b -> b.keyId(managed.keyId())));
        assertEquals("AccessDeniedException", refused.awsErrorDetails().errorCode());
        assertTrue(kms.listAliases(b -> {}).aliases().stream()
                .anyMatch(x -> x.aliasName().equals("alias/aws/dynamodb")));
        assertThrows(
                KmsException.class,
                () -> kms.createAlias(b -> b.aliasName("alias/aws/mine").targetKeyId(managed.keyId())));
    }
}
