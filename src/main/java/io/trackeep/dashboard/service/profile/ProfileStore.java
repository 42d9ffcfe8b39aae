package io.trackeep.dashboard.service.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.redis.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Connection profiles and {@link DashboardSettings}, kept in one JSON file
 * ({@value #FILE_NAME}) in the user's configuration folder ({@link ConfigFolders}).
 *
 * <p>The built-in {@linkplain ConnectionProfile#localInstance() "Local instance"} profile is
 * always listed first; it is not stored and cannot be edited or deleted.
 *
 * <p>Passwords (the data nodes', and for a Sentinel profile the Sentinels' own) are saved only
 * when the caller asks ({@link PasswordChange#save}), and then
 * encrypted with AES-256-GCM under a random key in {@value #KEY_FILE_NAME}, an owner-only file in
 * the separate data folder ({@link ConfigFolders}). This protects against the profiles file
 * leaking on its own (a backup, a copy shared with a colleague, a synced configuration folder);
 * it does not protect against other programs running as the same user, which can read the key
 * too. An OS keyring would; it is out of scope for now. Without a saved password the window asks
 * at connect time. A saved password
 * that can no longer be decrypted (key file missing or replaced) reads as
 * {@link SavedPassword.Status#UNREADABLE} with a plain reason; the profile itself stays usable.
 *
 * <p>A file that cannot be parsed is never overwritten silently: it is copied to
 * {@code profiles.json.corrupt-<time>} before anything else happens, the store starts empty and
 * {@link #loadProblem()} says so, so the window can tell the user. Writes go to a temporary file
 * that replaces the old one atomically, so a crash never leaves half a file.
 *
 * <p>Thread-safe; every method does file I/O at most on the small file, so it may be called from
 * the FX thread.
 */
public final class ProfileStore {

    public static final String FILE_NAME = "profiles.json";
    public static final String KEY_FILE_NAME = "secret.key";
    static final int FORMAT = 1;

    private static final Logger log = LoggerFactory.getLogger(ProfileStore.class);
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final Path file;
    private final Path dataFolder;
    private final PasswordCipher cipher;
    // Insertion order is the user's order of creation; list() sorts by name for display.
    private final Map<String, StoredProfile> profiles = new LinkedHashMap<>();
    private DashboardSettings settings = DashboardSettings.defaults();
    private String loadProblem;

    private ProfileStore(ConfigFolders folders) {
        this.file = folders.config().resolve(FILE_NAME);
        this.dataFolder = folders.data();
        this.cipher = new PasswordCipher(folders.data().resolve(KEY_FILE_NAME));
        load();
    }

    /** Opens the store in this user's folders ({@link ConfigFolders#resolve()}). */
    public static ProfileStore open() {
        return open(ConfigFolders.resolve());
    }

    public static ProfileStore open(ConfigFolders folders) {
        return new ProfileStore(folders);
    }

    /** The JSON file. */
    public Path file() { return file; }

    /** This user's data folder (key file, local audit log), apart from the configuration folder. */
    public Path dataFolder() { return dataFolder; }

    /** The password key file. */
    public Path keyFile() {
        return cipher.keyFile();
    }

    /** Why the file could not be loaded at open, as a sentence for the user; empty when it loaded (or did not exist). */
    public synchronized Optional<String> loadProblem() {
        return Optional.ofNullable(loadProblem);
    }

    /** The local instance first, then the stored profiles by name. */
    public synchronized List<ConnectionProfile> list() {
        List<ConnectionProfile> result = new ArrayList<>(profiles.size() + 1);
        result.add(ConnectionProfile.localInstance());
        profiles.values().stream()
                .map(StoredProfile::profile)
                .sorted(Comparator.comparing(p -> p.name().toLowerCase(Locale.ROOT)))
                .forEach(result::add);
        return List.copyOf(result);
    }

    /** The profile with this name (case-insensitive), including the local instance. */
    public synchronized Optional<ConnectionProfile> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (ConnectionProfile.LOCAL_INSTANCE_NAME.equalsIgnoreCase(name.strip())) {
            return Optional.of(ConnectionProfile.localInstance());
        }
        return Optional.ofNullable(profiles.get(keyOf(name))).map(StoredProfile::profile);
    }

    /**
     * Adds a profile. Its {@code passwordSaved} flag is ignored: {@code password} decides.
     *
     * @return the profile as stored
     * @throws IllegalArgumentException for a duplicate or reserved name
     * @throws ProfileStoreException    when the file cannot be written (nothing changes then)
     */
    public synchronized ConnectionProfile add(ConnectionProfile profile, PasswordChange password) {
        return add(profile, password, PasswordChange.forget());
    }

    /** Adds a profile with the Sentinels' own password too (a Sentinel profile; ignored for others). */
    public synchronized ConnectionProfile add(ConnectionProfile profile, PasswordChange password, PasswordChange sentinelPassword) {
        requireEditable(profile.name());
        if (profiles.containsKey(keyOf(profile.name()))) {
            throw new IllegalArgumentException("A profile named \"" + profile.name() + "\" already exists");
        }
        StoredProfile stored = stored(profile, null, null, password, sentinelPassword);
        return commit(() -> profiles.put(keyOf(profile.name()), stored), stored.profile());
    }

    /**
     * Replaces the profile named {@code currentName} (which may be renamed). With
     * {@link PasswordChange#keep()} a saved password follows the profile; if it cannot be
     * decrypted any more it is dropped.
     *
     * @return the profile as stored
     */
    public synchronized ConnectionProfile update(String currentName, ConnectionProfile profile, PasswordChange password) {
        return update(currentName, profile, password, PasswordChange.keep());
    }

    /** Replaces a profile, with what to do with the Sentinels' own password too (kept on a rename, like the other). */
    public synchronized ConnectionProfile update(String currentName, ConnectionProfile profile, PasswordChange password,
                                                 PasswordChange sentinelPassword) {
        requireEditable(currentName);
        requireEditable(profile.name());
        StoredProfile old = profiles.get(keyOf(currentName));
        if (old == null) {
            throw new IllegalArgumentException("No profile named \"" + currentName + "\"");
        }
        boolean renamed = !keyOf(currentName).equals(keyOf(profile.name()));
        if (renamed && profiles.containsKey(keyOf(profile.name()))) {
            throw new IllegalArgumentException("A profile named \"" + profile.name() + "\" already exists");
        }
        StoredProfile stored = stored(profile, old, currentName, password, sentinelPassword);
        boolean lastWasThis = settings.lastProfile() != null && keyOf(settings.lastProfile()).equals(keyOf(currentName));
        DashboardSettings before = settings;
        return commit(() -> {
            profiles.remove(keyOf(currentName));
            profiles.put(keyOf(profile.name()), stored);
            if (lastWasThis && renamed) {
                settings = before.withLastProfile(profile.name());
            }
        }, stored.profile());
    }

    /** Deletes a profile and its saved password. */
    public synchronized void delete(String name) {
        requireEditable(name);
        if (!profiles.containsKey(keyOf(name))) {
            throw new IllegalArgumentException("No profile named \"" + name + "\"");
        }
        commit(() -> profiles.remove(keyOf(name)), null);
    }

    /** The saved password of a profile; see {@link SavedPassword} for the three outcomes. */
    public synchronized SavedPassword password(String profileName) {
        StoredProfile p = profiles.get(keyOf(profileName));
        if (p == null || p.password() == null) {
            return SavedPassword.notSaved();
        }
        try {
            return SavedPassword.saved(cipher.decrypt(p.password(), p.profile().name()));
        } catch (PasswordCipher.UnreadablePasswordException e) {
            return SavedPassword.unreadable("The saved password of \"" + p.profile().name()
                    + "\" cannot be used: " + e.getMessage() + ". Enter it again.");
        }
    }

    /** The Sentinels' own saved password of a Sentinel profile; see {@link SavedPassword} for the three outcomes. */
    public synchronized SavedPassword sentinelPassword(String profileName) {
        StoredProfile p = profiles.get(keyOf(profileName));
        if (p == null || p.sentinelPassword() == null) {
            return SavedPassword.notSaved();
        }
        try {
            return SavedPassword.saved(cipher.decrypt(p.sentinelPassword(), sentinelKey(p.profile().name())));
        } catch (PasswordCipher.UnreadablePasswordException e) {
            return SavedPassword.unreadable("The saved Sentinel password of \"" + p.profile().name()
                    + "\" cannot be used: " + e.getMessage() + ". Enter it again.");
        }
    }

    public synchronized DashboardSettings settings() { return settings; }

    public synchronized void saveSettings(DashboardSettings newSettings) {
        DashboardSettings before = settings;
        try {
            settings = newSettings;
            write();
        } catch (RuntimeException e) {
            settings = before;
            throw e;
        }
    }

    private StoredProfile stored(ConnectionProfile profile, StoredProfile old, String oldName, PasswordChange change,
                                 PasswordChange sentinelChange) {
        PasswordCipher.EncryptedPassword secret = secret(change, old == null ? null : old.password(), oldName, profile.name());
        PasswordCipher.EncryptedPassword sentinelSecret = profile.topology() != Topology.SENTINEL ? null
                : secret(sentinelChange, old == null ? null : old.sentinelPassword(), oldName == null ? null : sentinelKey(oldName),
                sentinelKey(profile.name()));
        return new StoredProfile(profile.withPasswordSaved(secret != null).withSentinelPasswordSaved(sentinelSecret != null),
                secret, sentinelSecret);
    }

    /** The secret to store: a new one, none, or the old one (re-encrypted when the name it is bound to changed). */
    private PasswordCipher.EncryptedPassword secret(PasswordChange change, PasswordCipher.EncryptedPassword old, String oldKey,
                                                    String newKey) {
        if (change instanceof PasswordChange.Save save) {
            return cipher.encrypt(save.password(), newKey);
        }
        if (change instanceof PasswordChange.Forget || old == null) {
            return null;
        }
        if (oldKey.equals(newKey)) {
            return old;
        }
        // the profile name is bound into the ciphertext: re-encrypt under the new name
        try {
            return cipher.encrypt(cipher.decrypt(old, oldKey), newKey);
        } catch (PasswordCipher.UnreadablePasswordException e) {
            log.warn("A saved password of \"{}\" could not be carried over to \"{}\": {}", oldKey, newKey, e.getMessage());
            return null;
        }
    }

    /** What the Sentinels' password is bound to: the profile's name, marked apart from its data password's. */
    private static String sentinelKey(String profileName) {
        return profileName + "\u0000sentinel";
    }

    private <T> T commit(Runnable change, T result) {
        Map<String, StoredProfile> beforeProfiles = new LinkedHashMap<>(profiles);
        DashboardSettings beforeSettings = settings;
        change.run();
        try {
            write();
        } catch (RuntimeException e) {
            profiles.clear();
            profiles.putAll(beforeProfiles);
            settings = beforeSettings;
            throw e;
        }
        return result;
    }

    private static void requireEditable(String name) {
        if (name != null && ConnectionProfile.LOCAL_INSTANCE_NAME.equalsIgnoreCase(name.strip())) {
            throw new IllegalArgumentException("\"" + ConnectionProfile.LOCAL_INSTANCE_NAME
                    + "\" is built in: it cannot be added, changed or deleted, and its name is reserved");
        }
    }

    private static String keyOf(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            FileContent content = Json.mapper().readValue(Files.readAllBytes(file), FileContent.class);
            if (content.format() > FORMAT) {
                throw new UnusableFileException("it was written by a newer version of the dashboard (format " + content.format() + ")");
            }
            for (FileProfile fp : content.profiles() == null ? List.<FileProfile>of() : content.profiles()) {
                StoredProfile sp = fp.toStored();
                if (sp.profile().isLocalInstance()) {
                    continue; // reserved name, only ever built in
                }
                profiles.putIfAbsent(keyOf(sp.profile().name()), sp);
            }
            settings = content.settings() == null ? DashboardSettings.defaults() : content.settings();
        } catch (IOException | RuntimeException e) {
            profiles.clear();
            settings = DashboardSettings.defaults();
            loadProblem = keepUnreadableFile(reason(e));
        }
    }

    /** Copies the unreadable file aside before the store could ever overwrite it. */
    private String keepUnreadableFile(String reason) {
        Path backup = file.resolveSibling(FILE_NAME + ".corrupt-" + LocalDateTime.now().format(BACKUP_STAMP));
        try {
            Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            log.warn("Profiles file {} is unreadable ({}); kept a copy as {}", file, reason, backup);
            return "The profiles file " + file + " could not be read (" + reason + "). A copy was kept as "
                    + backup + "; starting without saved profiles.";
        } catch (IOException copyFailed) {
            // Without a copy the file must not be replaced later: refuse to open at all.
            throw new ProfileStoreException("The profiles file " + file + " could not be read (" + reason
                    + ") and no copy could be kept (" + copyFailed.getMessage() + "); move it away and start again", copyFailed);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof JsonProcessingException jpe) {
            String where = jpe.getLocation() == null ? "" : " at line " + jpe.getLocation().getLineNr()
                    + ", column " + jpe.getLocation().getColumnNr();
            return "not valid JSON" + where + ": " + jpe.getOriginalMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void write() {
        List<FileProfile> list = profiles.values().stream().map(FileProfile::of).toList();
        byte[] json = Json.writePretty(new FileContent(FORMAT, list, settings)).getBytes(StandardCharsets.UTF_8);
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            PrivateFiles.createFolder(file.getParent());
            PrivateFiles.write(tmp, json);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ProfileStoreException("Cannot save the profiles file " + file + ": " + e.getMessage(), e);
        }
    }

    private record StoredProfile(ConnectionProfile profile, PasswordCipher.EncryptedPassword password,
                                 PasswordCipher.EncryptedPassword sentinelPassword) {
    }

    private static final class UnusableFileException extends RuntimeException {
        UnusableFileException(String message) {
            super(message);
        }
    }

    /** The file as JSON. */
    record FileContent(int format, List<FileProfile> profiles, DashboardSettings settings) {
    }

    /** One profile as JSON; {@code password} is the encrypted form or absent. */
    record FilePassword(String algorithm, String iv, String data) {
    }

    record FileProfile(String name, String uri, String username, int database, String keyPrefix,
                       boolean readOnly, String caFile, FilePassword password, String sentinelUsername,
                       FilePassword sentinelPassword) {

        static FileProfile of(StoredProfile sp) {
            ConnectionProfile p = sp.profile();
            return new FileProfile(p.name(), p.uri(), p.username(), p.database(), p.keyPrefix(), p.readOnly(),
                    p.caFile() == null ? null : p.caFile().toString(), file(sp.password()), p.sentinelUsername(),
                    file(sp.sentinelPassword()));
        }

        private static FilePassword file(PasswordCipher.EncryptedPassword secret) {
            return secret == null ? null : new FilePassword(secret.algorithm(), Base64.getEncoder().encodeToString(secret.iv()),
                    Base64.getEncoder().encodeToString(secret.data()));
        }

        StoredProfile toStored() {
            PasswordCipher.EncryptedPassword secret = secret(password);
            ConnectionProfile p = new ConnectionProfile(name, uri, username, database, keyPrefix, readOnly,
                    caFile == null || caFile.isBlank() ? null : Path.of(caFile), secret != null, sentinelUsername, false);
            PasswordCipher.EncryptedPassword sentinelSecret = p.topology() == Topology.SENTINEL ? secret(sentinelPassword) : null;
            return new StoredProfile(p.withSentinelPasswordSaved(sentinelSecret != null), secret, sentinelSecret);
        }

        private static PasswordCipher.EncryptedPassword secret(FilePassword stored) {
            if (stored == null) {
                return null;
            }
            try {
                return new PasswordCipher.EncryptedPassword(stored.algorithm(),
                        Base64.getDecoder().decode(stored.iv()), Base64.getDecoder().decode(stored.data()));
            } catch (IllegalArgumentException | NullPointerException e) {
                // A damaged entry still marks the password as saved; reading it reports the damage.
                return new PasswordCipher.EncryptedPassword(PasswordCipher.ALGORITHM, new byte[0], new byte[0]);
            }
        }
    }
}
