package floe.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identities file's users, groups, roles and policies, and what it refuses. */
class IdentitiesTest {
    private static final String ALLOW = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}}";

    @TempDir
    Path dir;

    private Identities read(String text) throws IOException {
        Path file = dir.resolve("identities.properties");
        Files.writeString(file, text);
        return Identities.read(file);
    }

    private String refused(String text) {
        return assertThrows(IllegalArgumentException.class, () -> read(text)).getMessage();
    }

    @Test
    void aUsersPoliciesAreItsOwnThenItsGroups() throws IOException {
        Files.writeString(dir.resolve("read.json"), ALLOW);
        Identities ids = read(String.join(
                "\n",
                "user.alice.account=111122223333",
                "user.alice.id=AIDAALICE",
                "user.alice.groups=readers, writers",
                "user.alice.policies=mine",
                "group.readers.policies=read",
                "group.writers.policies=",
                "policy.mine=" + ALLOW,
                "policy.read.file=read.json",
                "key.AKIAALICE.user=alice",
                "key.AKIAALICE.secret=s"));
        Identity alice = ids.key("AKIAALICE").identity();
        assertEquals("AIDAALICE", alice.userId());
        assertEquals("alice", alice.username());
        assertEquals("User", alice.type());
        assertEquals("arn:aws:iam::111122223333:user/alice", alice.principalArn());
        assertEquals(2, alice.policies().size());
        assertEquals("policy 'mine'", alice.policies().get(0).name());
        assertEquals("policy 'read'", alice.policies().get(1).name());
    }

    @Test
    void aRolesSessionIsNamedAsStsNamesIt() throws IOException {
        Identities ids = read(String.join(
                "\n",
                "role.auditor.account=111122223333",
                "role.auditor.id=AROAAUDITOR",
                "role.auditor.policies=read",
                "policy.read=" + ALLOW,
                "key.ASIAAUDIT.role=auditor",
                "key.ASIAAUDIT.session=s1",
                "key.ASIAAUDIT.secret=s",
                "key.ASIAAUDIT.token=t"));
        Identity session = ids.key("ASIAAUDIT").identity();
        assertEquals("arn:aws:sts::111122223333:assumed-role/auditor/s1", session.arn());
        assertEquals("arn:aws:iam::111122223333:role/auditor", session.principalArn());
        assertEquals("AROAAUDITOR:s1", session.userId());
        assertEquals("AssumedRole", session.type());
        assertNull(session.username());
        assertEquals(1, session.policies().size());
    }

    @Test
    void madeUpIdsAreStableAndShapedAsIams() throws IOException {
        String text = "user.bob.account=111122223333\nkey.AKIABOB.user=bob\nkey.AKIABOB.secret=s\n";
        String id = read(text).key("AKIABOB").identity().userId();
        assertTrue(id.matches("AIDA[A-Z2-7]{17}"), id);
        assertEquals(id, read(text).key("AKIABOB").identity().userId());
    }

    @Test
    void mistakesAreNamed() {
        assertEquals(
                "user.alice.policies names policy 'nope', which no policy.nope declares",
                tail(refused("user.alice.account=111122223333\nuser.alice.policies=nope\n")));
        assertEquals(
                "user 'alice' is in group 'staff', which has no group.staff.policies",
                tail(refused("user.alice.account=111122223333\nuser.alice.groups=staff\n")));
        assertEquals(
                "access key ASIAX is a role's: temporary credentials need key.ASIAX.token",
                tail(refused("role.r.account=111122223333\nkey.ASIAX.role=r\nkey.ASIAX.secret=s\n")));
        assertEquals(
                "access key AKIAX needs key.AKIAX.user (or key.AKIAX.role) and key.AKIAX.secret",
                tail(refused("user.a.account=111122223333\nrole.r.account=111122223333\nkey.AKIAX.user=a\n"
                        + "key.AKIAX.role=r\nkey.AKIAX.secret=s\n")));
        assertEquals(
                "policy 'bad': Effect must be Allow or Deny, not Maybe",
                tail(refused(
                        "policy.bad={\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}}\n")));
        assertTrue(tail(refused("policy.gone.file=gone.json\n")).startsWith("policy 'gone': cannot read gone.json"));
        assertEquals("role 'r' needs role.r.account", tail(refused("role.r.policies=\n")));
    }

    /** The message after the file's name. */
    private String tail(String message) {
        String prefix = dir.resolve("identities.properties") + ": ";
        assertTrue(message.startsWith(prefix), message);
        return message.substring(prefix.length());
    }
}
