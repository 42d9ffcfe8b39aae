package io.trackeep.dashboard.ui.profile;

import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.PasswordChange;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.redis.DeploymentView;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.service.redis.TopologyUri;
import io.trackeep.dashboard.ui.dialog.Confirmation;
import io.trackeep.dashboard.ui.dialog.Confirmer;
import io.trackeep.dashboard.ui.dialog.ErrorPresenter;
import io.trackeep.dashboard.ui.dialog.UserMessage;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.task.UiExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The profile editor as data: the list of profiles, the form of the selected one, validation,
 * save, delete (after confirmation) and "Test connection", which opens a connection in the
 * background with what the form says and reports "Connected: Redis 7.2.4 (standalone), PING
 * 0.4 ms" or the typed error in plain words. FX thread only.
 *
 * <p>The form names one of three kinds ({@link #kindProperty()}): one server by its URI, a master
 * named by Sentinels (the Sentinels, the master's name, the Sentinels' own user and password), or
 * a Cluster (seed nodes); TLS for the latter two is a tick. The built-in Local instance can only
 * choose what it runs as ({@link #localTopologyProperty()}).
 *
 * <p>Passwords in the form: empty means "keep what is saved" for a profile that has one; with
 * "Save password" unticked a saved password is forgotten. The same holds for the Sentinels' own
 * password. A password typed is only ever kept in the form property, never logged.
 */
public final class ProfileEditorViewModel {

    /** The outcome of "Test connection". */
    public record TestResult(Status status, String message) {
        /** Running, worked, failed. */
        public enum Status { RUNNING, OK, FAILED }
    }

    private final ProfileStore store;
    private final UiExecutor ui;
    private final Confirmer confirmer;
    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ConnectionProfile> selected = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<Topology> kind = new SimpleObjectProperty<>(Topology.STANDALONE);
    private final StringProperty uri = new SimpleStringProperty("");
    private final StringProperty nodes = new SimpleStringProperty("");
    private final StringProperty masterName = new SimpleStringProperty("");
    private final BooleanProperty tls = new SimpleBooleanProperty();
    private final StringProperty sentinelUsername = new SimpleStringProperty("");
    private final StringProperty sentinelPassword = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper sentinelPasswordNote = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Topology> localTopology = new SimpleObjectProperty<>(Topology.STANDALONE);
    private final ReadOnlyBooleanWrapper localInstance = new ReadOnlyBooleanWrapper();
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty savePassword = new SimpleBooleanProperty();
    private final StringProperty database = new SimpleStringProperty("0");
    private final StringProperty keyPrefix = new SimpleStringProperty(RedisSettings.DEFAULT_PREFIX);
    private final StringProperty caFile = new SimpleStringProperty("");
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper passwordNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TestResult> testResult = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final StringBinding validation;
    private long testGeneration;

    public ProfileEditorViewModel(ProfileStore store, UiExecutor ui, Confirmer confirmer) {
        this.store = Objects.requireNonNull(store);
        this.ui = Objects.requireNonNull(ui);
        this.confirmer = Objects.requireNonNull(confirmer);
        validation = Bindings.createStringBinding(this::validate, name, kind, uri, nodes, masterName, tls, username, database,
                keyPrefix, sentinelUsername, editable);
        profiles.setAll(store.list());
        selected.addListener((obs, old, p) -> load(p));
    }

    /** Shows {@code name} (or the first profile) in the form. */
    public void open(String profileName) {
        profiles.setAll(store.list());
        ConnectionProfile p = profileName == null ? null : store.find(profileName).orElse(null);
        select(p != null ? p : profiles.get(0));
    }

    public void select(ConnectionProfile p) {
        if (Objects.equals(selected.get(), p)) {
            load(p);
        } else {
            selected.set(p);
        }
    }

    /** An empty form for a new profile. */
    public void newProfile() {
        selected.set(null);
        load(null);
        name.set("");
        uri.set("redis://localhost:6379");
    }

    /** The Local instance's choice: what it runs as from its next start. */
    private Optional<ConnectionProfile> saveLocalTopology() {
        try {
            store.saveSettings(store.settings().withLocalTopology(localTopology.get()));
            return Optional.of(ConnectionProfile.localInstance());
        } catch (RuntimeException e) {
            error.set(ErrorPresenter.describe(e).text());
            return Optional.empty();
        }
    }

    /**
     * Validates and stores the form as a new or changed profile.
     *
     * @return the stored profile, or empty when the form is invalid or the file could not be written ({@link #errorProperty()} says why)
     */
    public Optional<ConnectionProfile> save() {
        error.set(null);
        if (localInstance.get()) {
            return saveLocalTopology();
        }
        if (validation.get() != null) {
            error.set(validation.get());
            return Optional.empty();
        }
        try {
            ConnectionProfile form = formProfile();
            ConnectionProfile old = selected.get();
            ConnectionProfile stored = old == null
                    ? store.add(form, passwordChange(password.get(), false), passwordChange(sentinelPassword.get(), false))
                    : store.update(old.name(), form, passwordChange(password.get(), old.passwordSaved()),
                    passwordChange(sentinelPassword.get(), old.sentinelPasswordSaved()));
            profiles.setAll(store.list());
            password.set("");
            sentinelPassword.set("");
            select(profiles.stream().filter(p -> p.name().equals(stored.name())).findFirst().orElse(stored));
            return Optional.of(stored);
        } catch (RuntimeException e) {
            UserMessage m = ErrorPresenter.describe(e);
            error.set(m.text());
            return Optional.empty();
        }
    }

    /** Deletes the selected profile after the user confirmed; true if it was deleted. */
    public boolean delete() {
        ConnectionProfile p = selected.get();
        if (p == null || p.isLocalInstance()) {
            return false;
        }
        List<String> effects = new ArrayList<>();
        effects.add("Remove the profile \"" + p.name() + "\" (" + p.describe() + ") from " + store.file().getFileName());
        if (p.passwordSaved()) {
            effects.add("Delete its saved, encrypted password");
        }
        effects.add("Leave the Redis server itself untouched");
        boolean confirmed = confirmer.confirm(new Confirmation("Delete profile \"" + p.name() + "\"?",
                "The profile disappears from this computer; you can add it again later.", effects, "Delete profile", true, null));
        if (!confirmed) {
            return false;
        }
        try {
            store.delete(p.name());
        } catch (RuntimeException e) {
            error.set(ErrorPresenter.describe(e).text());
            return false;
        }
        profiles.setAll(store.list());
        select(profiles.get(0));
        return true;
    }

    /** Opens a connection with what the form says, off the FX thread, and reports the outcome in {@link #testResultProperty()}. */
    public void testConnection() {
        if (validation.get() != null) {
            testResult.set(new TestResult(TestResult.Status.FAILED, validation.get()));
            return;
        }
        RedisSettings settings;
        try {
            settings = formProfile().toSettings(passwordForTest(), sentinelPasswordForTest());
        } catch (RuntimeException e) {
            testResult.set(new TestResult(TestResult.Status.FAILED, ErrorPresenter.describe(e).text()));
            return;
        }
        long gen = ++testGeneration;
        testResult.set(new TestResult(TestResult.Status.RUNNING, "Connecting to " + settings.describe() + "…"));
        ui.submit("Testing " + settings.describe(), () -> probe(settings),
                ok -> {
                    if (gen == testGeneration) {
                        testResult.set(new TestResult(TestResult.Status.OK, ok));
                    }
                },
                e -> {
                    if (gen == testGeneration) {
                        UserMessage m = ErrorPresenter.describe(e);
                        testResult.set(new TestResult(TestResult.Status.FAILED, m.title() + ": " + m.message()));
                    }
                });
    }

    /** Runs in the background: connect, PING, read the version and the deployment's shape, close. */
    static String probe(RedisSettings settings) {
        try (RedisConnections redis = RedisConnections.open(settings)) {
            long start = System.nanoTime();
            RedisErrors.call("PING", () -> redis.sync().ping());
            Duration rtt = Duration.ofNanos(System.nanoTime() - start);
            String version = "";
            try {
                String info = redis.sync().info("server");
                version = " " + field(info, "redis_version") + " (" + field(info, "redis_mode") + shape(redis) + ")";
            } catch (RuntimeException noPermission) {
                // an ACL user may not run INFO; the connection itself works
            }
            return "Connected: Redis" + version + ", PING " + Units.latency(rtt);
        }
    }

    /** ": 3 masters, 3 replicas" of a Cluster, ": master 'x' at h:p, 1 replica" of Sentinels; empty for one server. */
    private static String shape(RedisConnections redis) {
        if (redis.topology() == Topology.STANDALONE) {
            return "";
        }
        try {
            DeploymentView view = redis.deployment();
            long masters = view.nodes().stream().filter(n -> n.role().equals("master") && (redis.topology() != Topology.CLUSTER
                    || !n.slots().isEmpty())).count();
            long replicas = view.nodes().stream().filter(n -> n.role().equals("replica")).count();
            String r = replicas + (replicas == 1 ? " replica" : " replicas");
            if (redis.topology() == Topology.SENTINEL) {
                return ", master '" + view.masterName() + "' at " + redis.nodeAddresses().get(0) + ", " + r;
            }
            return ": " + masters + (masters == 1 ? " master, " : " masters, ") + r;
        } catch (RuntimeException notPermitted) {
            return "";
        }
    }

    private static String field(String info, String key) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        return "?";
    }

    /** The form as a profile; throws {@link IllegalArgumentException} with a plain message when invalid. */
    ConnectionProfile formProfile() {
        int db;
        try {
            db = Integer.parseInt(database.get().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Database must be a number (0 for the default)");
        }
        String ca = caFile.get() == null || caFile.get().isBlank() ? null : caFile.get().strip();
        return new ConnectionProfile(name.get(), formUri(), username.get(), db, keyPrefix.get(), readOnly.get(),
                ca == null ? null : Path.of(ca), false, kind.get() == Topology.SENTINEL ? sentinelUsername.get() : null, false);
    }

    /** The URI the form names: the one server's as typed, or built from the Sentinels or seed nodes. */
    private String formUri() {
        Topology k = kind.get() == null ? Topology.STANDALONE : kind.get();
        if (k == Topology.STANDALONE) {
            return uri.get() == null ? "" : uri.get();
        }
        String hosts = String.join(",", List.of((nodes.get() == null ? "" : nodes.get()).strip().split("[,;\\s]+")));
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException(k == Topology.SENTINEL ? "Name at least one Sentinel (host:port)"
                    : "Name at least one node of the Cluster (host:port)");
        }
        String scheme = (tls.get() ? "rediss" : "redis") + (k == Topology.SENTINEL ? "-sentinel" : "-cluster") + "://";
        if (k == Topology.SENTINEL) {
            String master = masterName.get() == null ? "" : masterName.get().strip();
            if (master.isEmpty()) {
                throw new IllegalArgumentException("Name the master the Sentinels watch (its name in their configuration)");
            }
            return scheme + hosts + "#" + master;
        }
        return scheme + hosts;
    }

    private PasswordChange passwordChange(String typed, boolean hadSaved) {
        if (!savePassword.get()) {
            return PasswordChange.forget();
        }
        if (typed != null && !typed.isEmpty()) {
            return PasswordChange.save(typed);
        }
        return hadSaved ? PasswordChange.keep() : PasswordChange.forget();
    }

    private String passwordForTest() {
        String typed = password.get();
        if (typed != null && !typed.isEmpty()) {
            return typed;
        }
        ConnectionProfile old = selected.get();
        return old != null && old.passwordSaved() ? store.password(old.name()).value().orElse(null) : null;
    }

    private String sentinelPasswordForTest() {
        String typed = sentinelPassword.get();
        if (typed != null && !typed.isEmpty()) {
            return typed;
        }
        ConnectionProfile old = selected.get();
        return old != null && old.sentinelPasswordSaved() ? store.sentinelPassword(old.name()).value().orElse(null) : null;
    }

    private String validate() {
        if (!editable.get()) {
            return null;
        }
        if (name.get() == null || name.get().isBlank()) {
            return "Give the profile a name.";
        }
        try {
            formProfile();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private void load(ConnectionProfile p) {
        testGeneration++;
        testResult.set(null);
        error.set(null);
        password.set("");
        sentinelPassword.set("");
        ConnectionProfile shown = p == null ? ConnectionProfile.of("New profile", "redis://localhost:6379") : p;
        name.set(p == null ? "" : shown.name());
        kind.set(shown.topology());
        if (shown.topology() == Topology.STANDALONE) {
            uri.set(shown.uri());
            nodes.set("");
            masterName.set("");
            tls.set(false);
        } else {
            TopologyUri t = TopologyUri.parse(shown.uri());
            uri.set("redis://localhost:6379");
            nodes.set(String.join(", ", t.nodes().stream().map(TopologyUri.Node::toString).toList()));
            masterName.set(t.masterName() == null ? "" : t.masterName());
            tls.set(t.tls());
        }
        sentinelUsername.set(shown.sentinelUsername() == null ? "" : shown.sentinelUsername());
        sentinelPasswordNote.set(p != null && p.sentinelPasswordSaved()
                ? "A Sentinel password is saved (encrypted). Leave the field empty to keep it."
                : "Only if the Sentinels have a password of their own (requirepass in their configuration).");
        localInstance.set(p != null && p.isLocalInstance());
        localTopology.set(store.settings().localInstanceTopology());
        username.set(shown.username() == null ? "" : shown.username());
        database.set(Integer.toString(shown.database()));
        keyPrefix.set(shown.keyPrefix());
        caFile.set(shown.caFile() == null ? "" : shown.caFile().toString());
        readOnly.set(shown.readOnly());
        savePassword.set(shown.passwordSaved());
        editable.set(p == null || !p.isLocalInstance());
        passwordNote.set(p != null && p.passwordSaved()
                ? "A password is saved (encrypted). Leave the field empty to keep it."
                : "Not saved: you will be asked when connecting, unless you tick \"Save password\".");
    }

    public ObservableList<ConnectionProfile> profiles() { return profiles; }

    /** The profile in the form; null while a new one is being created. */
    public ObjectProperty<ConnectionProfile> selectedProperty() { return selected; }

    public StringProperty nameProperty() { return name; }

    public StringProperty uriProperty() { return uri; }

    /** One server, a master named by Sentinels, or a Cluster. */
    public ObjectProperty<Topology> kindProperty() { return kind; }

    /** The Sentinels or the Cluster's seed nodes: {@code host:port} separated by commas or spaces. */
    public StringProperty nodesProperty() { return nodes; }

    /** The name the Sentinels know the master by. */
    public StringProperty masterNameProperty() { return masterName; }

    /** TLS to every node (Sentinel and Cluster; one server says it with {@code rediss://}). */
    public BooleanProperty tlsProperty() { return tls; }

    public StringProperty sentinelUsernameProperty() { return sentinelUsername; }

    public StringProperty sentinelPasswordProperty() { return sentinelPassword; }

    public ReadOnlyStringProperty sentinelPasswordNoteProperty() { return sentinelPasswordNote.getReadOnlyProperty(); }

    /** What the built-in Local instance runs as (its only choice). */
    public ObjectProperty<Topology> localTopologyProperty() { return localTopology; }

    /** The built-in Local instance is shown. */
    public ReadOnlyBooleanProperty localInstanceProperty() { return localInstance.getReadOnlyProperty(); }

    public StringProperty usernameProperty() { return username; }

    public StringProperty passwordProperty() { return password; }

    public BooleanProperty savePasswordProperty() { return savePassword; }

    public StringProperty databaseProperty() { return database; }

    public StringProperty keyPrefixProperty() { return keyPrefix; }

    public StringProperty caFileProperty() { return caFile; }

    public BooleanProperty readOnlyProperty() { return readOnly; }

    /** False for the built-in local instance. */
    public ReadOnlyBooleanProperty editableProperty() { return editable.getReadOnlyProperty(); }

    public ReadOnlyStringProperty passwordNoteProperty() { return passwordNote.getReadOnlyProperty(); }

    /** Null when the form is valid, else what to fix. */
    public StringBinding validationProperty() { return validation; }

    /** Why the last save or delete failed, or null. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<TestResult> testResultProperty() { return testResult.getReadOnlyProperty(); }
}
