package floe.spi.extension;

import floe.api.Stability;

/**
 * A JSON-protocol service a plugin serves on FloeDB's port, beside DynamoDB's: requests whose
 * {@code X-Amz-Target} is {@code <targetPrefix>.<Operation>} go to it (AWS KMS's
 * {@code TrentService}, say). The server reads the body and writes the answer; the service
 * sees JSON values only. Stateless; {@link #name()} is unique among the providers present.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface WireServiceProvider {
    /** A unique name of ASCII letters and digits. */
    String name();

    /** The part of {@code X-Amz-Target} before the dot, such as {@code TrentService}. */
    String targetPrefix();

    /** The service name requests are signed for (SigV4's credential scope), such as {@code kms}. */
    String signingName();

    /** The answers' content type, such as {@code application/x-amz-json-1.1}. */
    String contentType();

    /** Opens the service; called once, when the server starts. */
    WireService open();
}
