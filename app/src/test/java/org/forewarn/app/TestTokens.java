package org.forewarn.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * An OIDC provider's signing key as the {@code cluster} profile sees it: the public key in a PEM
 * file (for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}) and bearer
 * tokens signed with the private key, roles in the {@code roles} claim.
 */
final class TestTokens {

    private final KeyPair key;
    private final Path publicKey;

    private TestTokens(KeyPair key, Path publicKey) {
        this.key = key;
        this.publicKey = publicKey;
    }

    /** A new key pair, its public half written to {@code dir/oidc-public-key.pem}. */
    static TestTokens create(Path dir) {
        KeyPair key = rsaKeyPair();
        Path pem = dir.resolve("oidc-public-key.pem");
        try {
            Files.createDirectories(dir);
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestTokens(key, pem);
    }

    Path publicKey() {
        return publicKey;
    }

    KeyPair keyPair() {
        return key;
    }

    /** {@code Bearer <token>} for the subject with one role, valid for five minutes. */
    String bearer(String subject, String role) {
        return "Bearer " + token(key, subject, List.of(role), Instant.now().plusSeconds(300));
    }

    static String token(KeyPair key, String subject, List<String> roles, Instant expiry) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .subject(subject).claim("roles", roles).issueTime(new Date())
                .expirationTime(Date.from(expiry)).build());
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
