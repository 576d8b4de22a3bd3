package floe.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe iam}: the identities file checked, and IAM's decision simulated for its identities. */
class IamCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int floe(String... args) {
        return FloeCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path identities() throws IOException {
        Path file = dir.resolve("ids.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "user.alice.account=111122223333",
                        "user.alice.policies=own",
                        "user.erin.account=111122223333",
                        "key.AKIAALICE.user=alice",
                        "key.AKIAALICE.secret=s",
                        "policy.own={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":"
                                + "\"dynamodb:GetItem\",\"Resource\":\"arn:aws:dynamodb:*:*:table/notes\",\"Condition\":"
                                + "{\"ForAllValues:StringEquals\":{\"dynamodb:LeadingKeys\":[\"${aws:username}\"]}}}}",
                        ""));
        return file;
    }

    @Test
    void listsUsersAndTheirPolicies() throws IOException {
        assertEquals(0, floe("iam", "--identities", identities().toString()), err.toString());
        assertTrue(out.toString().contains("arn:aws:iam::111122223333:user/alice  policy 'own'"), out.toString());
        assertTrue(
                out.toString().contains("arn:aws:iam::111122223333:user/erin  (no policy: may do nothing)"),
                out.toString());
    }

    @Test
    void simulatesTheServersDecision() throws IOException {
        String file = identities().toString();
        String notes = "arn:aws:dynamodb:us-east-1:111122223333:table/notes";
        assertEquals(
                0,
                floe(
                        "iam",
                        "--identities",
                        file,
                        "--user",
                        "alice",
                        "--action",
                        "dynamodb:GetItem",
                        "--resource",
                        notes,
                        "--context",
                        "dynamodb:LeadingKeys=alice"),
                err.toString());
        assertEquals("allowed", out.toString().trim());
        out.getBuffer().setLength(0);
        assertEquals(
                1,
                floe(
                        "iam",
                        "--identities",
                        file,
                        "--access-key",
                        "AKIAALICE",
                        "--action",
                        "dynamodb:GetItem",
                        "--resource",
                        notes,
                        "--context",
                        "dynamodb:LeadingKeys=alice|bob"));
        assertEquals(
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: dynamodb:GetItem on "
                        + "resource: " + notes + " because no identity-based policy allows the dynamodb:GetItem action",
                out.toString().trim());
    }

    @Test
    void anInvalidFileOrMissingFlagIsAUsageError() throws IOException {
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "policy.p={\"Statement\":{\"Effect\":\"Allow\"}}\n");
        assertEquals(2, floe("iam", "--identities", bad.toString()));
        assertTrue(err.toString().contains("policy 'p': a statement needs Action or NotAction"), err.toString());
        assertEquals(2, floe("iam", "--identities", identities().toString(), "--action", "dynamodb:GetItem"));
        assertTrue(err.toString().contains("--action needs --resource"), err.toString());
    }
}
