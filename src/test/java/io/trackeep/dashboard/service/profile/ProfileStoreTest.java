package io.trackeep.dashboard.service.profile;

import io.trackeep.dashboard.service.health.AlertThresholds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store always runs in a temporary folder, reached through the {@code trackeep.config.dir} property. */
class ProfileStoreTest {

    private static final String SECRET = "s3cr3t-Pa55word!";

    @TempDir
    Path temp;
    private Path configDir;

    @BeforeEach
    void useTempFolders() {
        configDir = temp.resolve("config");
        System.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, configDir.toString());
        System.clearProperty(ConfigFolders.DATA_DIR_PROPERTY);
    }

    @AfterEach
    void restoreProperties() {
        System.clearProperty(ConfigFolders.CONFIG_DIR_PROPERTY);
        System.clearProperty(ConfigFolders.DATA_DIR_PROPERTY);
    }

    private static ConnectionProfile production() {
        return new ConnectionProfile("Production", "rediss://redis.example.com:6380", "admin", 2, "trk", true,
                Path.of("/etc/ssl/ca.pem"), false);
    }

    @Test
    void firstStartHasOnlyTheLocalInstanceAndDefaultSettings() {
        ProfileStore store = ProfileStore.open();
        assertThat(store.file()).isEqualTo(configDir.resolve("profiles.json").toAbsolutePath());
        assertThat(store.keyFile()).isEqualTo(temp.resolve("config-data").resolve("secret.key").toAbsolutePath());
        assertThat(store.list()).containsExactly(ConnectionProfile.localInstance());
        assertThat(store.settings()).isEqualTo(DashboardSettings.defaults());
        assertThat(store.loadProblem()).isEmpty();
        assertThat(store.file()).doesNotExist();
    }

    @Test
    void profilesPasswordsAndSettingsSurviveReopening() {
        ProfileStore store = ProfileStore.open();
        ConnectionProfile stored = store.add(production(), PasswordChange.save(SECRET));
        store.add(ConnectionProfile.of("staging", "redis://10.0.0.5"), PasswordChange.keep());
        store.saveSettings(store.settings().withTheme(ThemeMode.DARK)
                .withRefreshInterval(Duration.ofSeconds(5)).withLastProfile("Production"));

        assertThat(stored.passwordSaved()).isTrue();
        ProfileStore reopened = ProfileStore.open();
        assertThat(reopened.list()).extracting(ConnectionProfile::name)
                .containsExactly("Local instance", "Production", "staging");
        assertThat(reopened.find("production")).contains(stored);
        assertThat(reopened.find("Production").orElseThrow())
                .satisfies(p -> {
                    assertThat(p.uri()).isEqualTo("rediss://redis.example.com:6380");
                    assertThat(p.username()).isEqualTo("admin");
                    assertThat(p.database()).isEqualTo(2);
                    assertThat(p.keyPrefix()).isEqualTo("trk");
                    assertThat(p.readOnly()).isTrue();
                    assertThat(p.caFile()).isEqualTo(Path.of("/etc/ssl/ca.pem"));
                });
        assertThat(reopened.password("Production").status()).isEqualTo(SavedPassword.Status.SAVED);
        assertThat(reopened.password("Production").value()).contains(SECRET);
        assertThat(reopened.password("staging").status()).isEqualTo(SavedPassword.Status.NOT_SAVED);
        assertThat(reopened.settings()).isEqualTo(new DashboardSettings(ThemeMode.DARK, Duration.ofSeconds(5), "Production"));
    }

    @Test
    void passwordIsNeitherInTheFileInPlainTextNorInToStrings() throws Exception {
        ProfileStore store = ProfileStore.open();
        ConnectionProfile p = store.add(production(), PasswordChange.save(SECRET));

        String json = Files.readString(store.file());
        assertThat(json).contains("Production").contains("AES-256-GCM")
                .doesNotContain(SECRET)
                .doesNotContain(Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)));
        // the key lives in another folder, readable by the owner only
        assertThat(store.keyFile().getParent()).isNotEqualTo(store.file().getParent());
        assertThat(Files.getPosixFilePermissions(store.keyFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(store.keyFile().getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        assertThat(p.toString()).doesNotContain(SECRET);
        assertThat(PasswordChange.save(SECRET).toString()).doesNotContain(SECRET);
        assertThat(store.password("Production").toString()).doesNotContain(SECRET);
        assertThat(p.toSettings(SECRET).toString()).doesNotContain(SECRET);
    }

    @Test
    void replacedKeyMakesThePasswordUnreadableWithAClearReason() throws Exception {
        ProfileStore store = ProfileStore.open();
        store.add(production(), PasswordChange.save(SECRET));
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        Files.write(store.keyFile(), otherKey);

        SavedPassword pw = ProfileStore.open().password("Production");
        assertThat(pw.status()).isEqualTo(SavedPassword.Status.UNREADABLE);
        assertThat(pw.value()).isEmpty();
        assertThat(pw.problem().orElseThrow()).contains("Production").contains("different key").contains("Enter it again");
    }

    @Test
    void missingKeyMakesThePasswordUnreadableAndTheProfileStaysUsable() throws Exception {
        ProfileStore store = ProfileStore.open();
        store.add(production(), PasswordChange.save(SECRET));
        Files.delete(store.keyFile());

        ProfileStore reopened = ProfileStore.open();
        assertThat(reopened.find("Production")).isPresent();
        SavedPassword pw = reopened.password("Production");
        assertThat(pw.status()).isEqualTo(SavedPassword.Status.UNREADABLE);
        assertThat(pw.problem().orElseThrow()).contains("secret.key").contains("missing");
        // Saving a new password then works (with a new key).
        reopened.update("Production", reopened.find("Production").orElseThrow(), PasswordChange.save("new-one"));
        assertThat(ProfileStore.open().password("Production").value()).contains("new-one");
    }

    @Test
    void corruptFileIsKeptAsABackupAndReportedNotSilentlyOverwritten() throws Exception {
        Files.createDirectories(configDir);
        Path file = configDir.resolve("profiles.json");
        String broken = "{\"format\":1,\"profiles\":[{\"name\":\"Prod\",";
        Files.writeString(file, broken);

        ProfileStore store = ProfileStore.open();
        assertThat(store.list()).containsExactly(ConnectionProfile.localInstance());
        String problem = store.loadProblem().orElseThrow();
        assertThat(problem).contains(file.toAbsolutePath().toString()).contains("not valid JSON").contains(".corrupt-");
        assertThat(Files.readString(file)).isEqualTo(broken); // untouched until the user saves something

        store.add(ConnectionProfile.of("New", "redis://localhost"), PasswordChange.keep());
        List<Path> backups;
        try (Stream<Path> files = Files.list(configDir)) {
            backups = files.filter(p -> p.getFileName().toString().startsWith("profiles.json.corrupt-")).toList();
        }
        assertThat(backups).hasSize(1);
        assertThat(Files.readString(backups.get(0))).isEqualTo(broken);
        assertThat(ProfileStore.open().find("New")).isPresent();
    }

    @Test
    void fileFromANewerVersionIsTreatedAsUnreadable() throws Exception {
        Files.createDirectories(configDir);
        Files.writeString(configDir.resolve("profiles.json"), "{\"format\":99,\"profiles\":[]}");
        assertThat(ProfileStore.open().loadProblem().orElseThrow()).contains("newer version");
    }

    @Test
    void unknownFieldsAndMissingSettingsLoadWithDefaults() throws Exception {
        Files.createDirectories(configDir);
        Files.writeString(configDir.resolve("profiles.json"), """
                {"format":1,"futureField":true,
                 "profiles":[{"name":"Old","uri":"redis://old:6379","extra":1}],
                 "settings":{"theme":"DARK","alerts":{"memory":0.8}}}
                """);
        ProfileStore store = ProfileStore.open();
        assertThat(store.loadProblem()).isEmpty();
        assertThat(store.find("Old").orElseThrow().keyPrefix()).isEqualTo("tk");
        assertThat(store.settings()).isEqualTo(new DashboardSettings(ThemeMode.DARK, DashboardSettings.DEFAULT_REFRESH, null));
    }

    @Test
    void alertThresholdsAreSavedAndReadBack() throws Exception {
        AlertThresholds mine = new AlertThresholds(0.5, 0.9, 0.75, Duration.ofMillis(25), Duration.ofSeconds(3), 7);
        ProfileStore store = ProfileStore.open();
        assertThat(store.settings().alertThresholds()).isEqualTo(AlertThresholds.DEFAULTS);

        store.saveSettings(store.settings().withAlertThresholds(mine).withTheme(ThemeMode.DARK));

        DashboardSettings reopened = ProfileStore.open().settings();
        assertThat(reopened.alertThresholds()).isEqualTo(mine);
        assertThat(reopened.theme()).isEqualTo(ThemeMode.DARK);
        assertThat(Files.readString(configDir.resolve("profiles.json"))).contains("\"alertThresholds\"", "\"memoryFraction\" : 0.5");
    }

    @Test
    void invalidStoredThresholdsFallBackToTheDefaultsAndKeepTheProfiles() throws Exception {
        Files.createDirectories(configDir);
        Files.writeString(configDir.resolve("profiles.json"), """
                {"format":1,
                 "profiles":[{"name":"Old","uri":"redis://old:6379"}],
                 "settings":{"theme":"DARK","alertThresholds":{"memoryFraction":5,"minHitRate":0.8}}}
                """);
        ProfileStore store = ProfileStore.open();
        assertThat(store.loadProblem()).isEmpty();
        assertThat(store.find("Old")).isPresent();
        assertThat(store.settings().theme()).isEqualTo(ThemeMode.DARK);
        assertThat(store.settings().alertThresholds()).isEqualTo(AlertThresholds.DEFAULTS);
    }

    @Test
    void localInstanceIsBuiltInAndItsNameReserved() {
        ProfileStore store = ProfileStore.open();
        assertThatThrownBy(() -> store.delete("Local instance")).hasMessageContaining("built in");
        assertThatThrownBy(() -> store.add(ConnectionProfile.of("local INSTANCE", "redis://x"), PasswordChange.keep()))
                .hasMessageContaining("reserved");
        assertThat(store.find("Local instance").orElseThrow().isLocalInstance()).isTrue();
    }

    @Test
    void editRenameAndDelete() {
        ProfileStore store = ProfileStore.open();
        store.add(production(), PasswordChange.save(SECRET));
        store.add(ConnectionProfile.of("Staging", "redis://staging"), PasswordChange.keep());
        store.saveSettings(store.settings().withLastProfile("Production"));

        assertThatThrownBy(() -> store.add(ConnectionProfile.of("PRODUCTION", "redis://x"), PasswordChange.keep()))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> store.update("Staging", production(), PasswordChange.keep()))
                .hasMessageContaining("already exists");

        // Renaming carries the encrypted password (bound to the name) and the last-used choice along.
        store.update("Production", production().withName("Prod EU").withReadOnly(false), PasswordChange.keep());
        ProfileStore reopened = ProfileStore.open();
        assertThat(reopened.find("Production")).isEmpty();
        assertThat(reopened.find("Prod EU").orElseThrow().readOnly()).isFalse();
        assertThat(reopened.password("Prod EU").value()).contains(SECRET);
        assertThat(reopened.settings().lastProfile()).isEqualTo("Prod EU");

        reopened.update("Prod EU", reopened.find("Prod EU").orElseThrow(), PasswordChange.forget());
        assertThat(reopened.find("Prod EU").orElseThrow().passwordSaved()).isFalse();
        assertThat(ProfileStore.open().password("Prod EU").status()).isEqualTo(SavedPassword.Status.NOT_SAVED);

        reopened.delete("Staging");
        assertThat(ProfileStore.open().list()).extracting(ConnectionProfile::name).containsExactly("Local instance", "Prod EU");
        assertThatThrownBy(() -> reopened.delete("Staging")).hasMessageContaining("No profile");
    }

    @Test
    void encryptedPasswordCannotBeMovedToAnotherProfileInTheFile() throws Exception {
        ProfileStore store = ProfileStore.open();
        store.add(production(), PasswordChange.save(SECRET));
        store.add(ConnectionProfile.of("Other", "redis://other"), PasswordChange.keep());
        String json = Files.readString(store.file());
        // Copy Production's password object into Other by hand, as someone editing the file would.
        String pwObject = json.substring(json.indexOf("\"password\" : {"), json.indexOf('}', json.indexOf("\"password\" : {")) + 1);
        String tampered = json.replaceFirst("(\"name\" : \"Other\"[^}]*)\"password\" : null", "$1" + java.util.regex.Matcher.quoteReplacement(pwObject));
        assertThat(tampered).isNotEqualTo(json);
        Files.writeString(store.file(), tampered);

        assertThat(ProfileStore.open().password("Other").status()).isEqualTo(SavedPassword.Status.UNREADABLE);
    }

    @Test
    void invalidProfilesAreRefusedWithAPlainReason() {
        assertThatThrownBy(() -> ConnectionProfile.of(" ", "redis://x")).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> ConnectionProfile.of("a", "http://x")).hasMessageContaining("redis://");
        assertThatThrownBy(() -> ConnectionProfile.of("a", "redis://user:pw@x")).hasMessageContaining("credentials");
        assertThatThrownBy(() -> PasswordChange.save("")).isInstanceOf(IllegalArgumentException.class);
    }
}
