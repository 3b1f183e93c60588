package org.forewarn.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The secret behind person ids. It must never change for a deployment: a new key would give every
 * returning person a new id, and their new clues would open second cases.
 */
public record PersonIdKey(byte[] bytes) {

    private static final int BYTES = 32;

    /** Reads the key from a base64 configuration value. */
    public static PersonIdKey fromBase64(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("forewarn.person-id-key is required outside the embedded runtime "
                    + "(base64 of at least " + BYTES + " random bytes)");
        }
        byte[] bytes = Base64.getDecoder().decode(base64.trim());
        if (bytes.length < BYTES) {
            throw new IllegalStateException("forewarn.person-id-key must hold at least " + BYTES + " bytes");
        }
        return new PersonIdKey(bytes);
    }

    /** Reads the key from a file, creating it (readable by its owner only) on first start. */
    public static PersonIdKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[BYTES];
                new SecureRandom().nextBytes(fresh);
                Path tmp = Files.createTempFile(file.getParent(), "key", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, Set.of(
                            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh));
                try {
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    Files.deleteIfExists(tmp);
                }
            }
            return fromBase64(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the person-id key " + file, e);
        }
    }
}
