package io.trackeep.dashboard.service.profile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts saved passwords with AES-256-GCM under a random key kept in its own file with
 * owner-only permissions, in a folder apart from the profiles file.
 *
 * <p>What this protects against: the profiles file leaking on its own (a backup, a copy sent to a
 * colleague, a synced configuration folder) shows no password. What it does not protect against:
 * anything running as the same user, which can read the key file as well. An OS keyring would
 * close that gap and is out of scope for now.
 *
 * <p>The profile name is bound to each ciphertext as associated data, so an encrypted password
 * cannot be moved to another profile inside the file.
 */
final class PasswordCipher {

    private static final Logger log = LoggerFactory.getLogger(PasswordCipher.class);
    static final String ALGORITHM = "AES-256-GCM";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path keyFile;

    PasswordCipher(Path keyFile) {
        this.keyFile = keyFile;
    }

    Path keyFile() { return keyFile; }

    /** Encrypts, creating the key file first if there is none. */
    EncryptedPassword encrypt(String password, String profileName) {
        byte[] key = loadOrCreateKey();
        byte[] iv = new byte[IV_BYTES];
        Randomness.SOURCE.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(profileName));
            byte[] data = cipher.doFinal(password.getBytes(StandardCharsets.UTF_8));
            return new EncryptedPassword(ALGORITHM, iv, data);
        } catch (GeneralSecurityException e) {
            throw new ProfileStoreException("Cannot encrypt the password: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Decrypts, or throws {@link UnreadablePasswordException} saying why it cannot (missing or other key, damage). */
    String decrypt(EncryptedPassword secret, String profileName) {
        if (!ALGORITHM.equals(secret.algorithm())) {
            throw new UnreadablePasswordException("it was saved with an unknown method (" + secret.algorithm() + ")");
        }
        if (!Files.exists(keyFile)) {
            throw new UnreadablePasswordException("the key file " + keyFile + " is missing");
        }
        byte[] key = readKey();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, secret.iv()));
            cipher.updateAAD(aad(profileName));
            return new String(cipher.doFinal(secret.data()), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadablePasswordException("it was encrypted with a different key than " + keyFile
                    + " (the key was replaced, or the profiles file comes from another computer)");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadablePasswordException("the saved value is damaged");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] aad(String profileName) {
        return ("trackeep-profile:" + profileName).getBytes(StandardCharsets.UTF_8);
    }

    private synchronized byte[] loadOrCreateKey() {
        if (Files.exists(keyFile)) {
            return readKey();
        }
        byte[] key = new byte[KEY_BYTES];
        Randomness.SOURCE.nextBytes(key);
        try {
            PrivateFiles.createFolder(keyFile.getParent());
            PrivateFiles.write(keyFile, key);
            log.info("Created the password key file {}", keyFile);
            return key;
        } catch (IOException e) {
            throw new ProfileStoreException("Cannot create the password key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private byte[] readKey() {
        try {
            if (PrivateFiles.openToOthers(keyFile)) {
                // as ssh does with private keys: a key others can read protects nothing; tighten and say so
                log.warn("The password key file {} was readable by others; restricted it to its owner", keyFile);
                PrivateFiles.restrict(keyFile, false);
            }
            byte[] key = Files.readAllBytes(keyFile);
            if (key.length != KEY_BYTES) {
                throw new UnreadablePasswordException("the key file " + keyFile + " is damaged");
            }
            return key;
        } catch (IOException e) {
            throw new UnreadablePasswordException("the key file " + keyFile + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /** An encrypted password as stored in the profiles file. */
    record EncryptedPassword(String algorithm, byte[] iv, byte[] data) {
        @Override
        public String toString() {
            return "EncryptedPassword[" + algorithm + "]";
        }
    }

    /** A saved password that cannot be decrypted; the message completes "The saved password cannot be used: ...". */
    static final class UnreadablePasswordException extends RuntimeException {
        UnreadablePasswordException(String reason) {
            super(reason);
        }
    }

    /**
     * Made on first use: reading the profiles, which every command and the window do at start, never
     * needs it, and making one loads the security providers (about 100 classes).
     */
    private static final class Randomness {
        static final SecureRandom SOURCE = new SecureRandom();
    }
}
