package io.trackeep.dashboard.ui.server;

import io.trackeep.dashboard.monitor.server.Readout;
import io.trackeep.dashboard.monitor.server.ServerDetails;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe.Part;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.health.SlowLogEntry;
import io.trackeep.dashboard.ui.kit.TableSection;
import io.trackeep.dashboard.ui.panel.LiveViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Server panel as data: slow log, clients, INFO and configuration as filterable tables, which
 * of them is shown (only that one is read), the client chosen for "Kill client" and whether it
 * may be killed. {@link #apply} takes one refresh (FX thread); nothing here reads Redis.
 */
public final class ServerViewModel implements LiveViewModel<ServerViewModel.Readings> {

    /** One refresh of the visible tab and when it was read. */
    public record Readings(ServerDetails details, Instant at) {
    }


    /** The section list's first entry: every INFO field. */
    public static final String ALL_SECTIONS = "All sections";

    private final ObjectProperty<Part> shown = new SimpleObjectProperty<>(Part.SLOW_LOG);

    private final TableSection<SlowLogEntry> slowLog = new TableSection<>("Slow log",
            "An admin can allow it with ACL SETUSER <user> +slowlog.",
            "No slow commands",
            "Redis logs commands slower than slowlog-log-slower-than (10 ms by default), keeping the newest "
                    + "slowlog-max-len (128). None ran since the server started or the log was reset.",
            e -> e.commandName() + " " + String.join(" ", e.command()) + " " + Objects.toString(e.clientAddress(), "")
                    + " " + Objects.toString(e.clientName(), ""));
    private final TableSection<ClientConnection> clients = new TableSection<>("Client list",
            "An admin can allow it with ACL SETUSER <user> +client.",
            "No clients",
            "Not even this dashboard's connection is listed, which means Redis lists only some clients to this user.",
            c -> c.id() + " " + Objects.toString(c.address(), "") + " " + Objects.toString(c.name(), "") + " "
                    + Objects.toString(c.lastCommand(), "") + " " + Objects.toString(c.flags(), "") + " " + Objects.toString(c.user(), ""));
    private final TableSection<InfoField> info = new TableSection<>("INFO",
            "An admin can allow it with ACL SETUSER <user> +info.",
            "No fields in this section",
            "Redis sent nothing for this section.",
            f -> f.name() + " " + f.value());
    private final TableSection<ConfigEntry> config = new TableSection<>("Configuration",
            "An admin can allow it with ACL SETUSER <user> +config|get; managed services often disable CONFIG.",
            "No configuration",
            "CONFIG GET * returned no parameters.",
            c -> c.name() + " " + c.value());

    private final ObservableList<String> infoSections = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedSection = new SimpleObjectProperty<>(ALL_SECTIONS);
    private Map<String, Map<String, String>> infoBySection = Map.of();
    private Instant infoReadAt;

    private final ObjectProperty<ClientConnection> selectedClient = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Long> ownClientId = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canKill;
    private final StringBinding killHint;

    public ServerViewModel() {
        selectedSection.addListener((obs, old, now) -> showInfoSection());
        canKill = Bindings.createBooleanBinding(() -> selectedClient.get() != null && !isOwn(selectedClient.get()),
                selectedClient, ownClientId);
        killHint = Bindings.createStringBinding(() -> {
            ClientConnection c = selectedClient.get();
            if (c == null) {
                return "Choose a client in the table to kill its connection";
            }
            return isOwn(c) ? "Client " + c.id() + " is this dashboard's own connection: it cannot be killed from here"
                    : "Close the connection of client " + c.id() + " (asks first)";
        }, selectedClient, ownClientId);
        infoSections.setAll(ALL_SECTIONS);
    }

    /** Shows what one refresh read. */
    @Override
    public void apply(Readings r) {
        apply(r.details(), r.at());
    }

    public void apply(ServerDetails details, Instant at) {
        slowLog.apply(details.slowLog(), at);
        if (details.clients() != null) {
            Long chosen = selectedClient.get() == null ? null : selectedClient.get().id();
            ownClientId.set(details.ownClientId());
            clients.apply(details.clients(), at);
            selectedClient.set(chosen == null ? null
                    : clients.rows().stream().filter(c -> c.id() == chosen).findFirst().orElse(null));
        }
        if (details.info() != null) {
            if (details.info().isOk()) {
                infoBySection = details.info().value();
                infoReadAt = at;
                List<String> names = new ArrayList<>();
                names.add(ALL_SECTIONS);
                names.addAll(infoBySection.keySet());
                if (!names.equals(infoSections)) {
                    String keep = selectedSection.get();
                    infoSections.setAll(names);
                    selectedSection.set(names.contains(keep) ? keep : ALL_SECTIONS);
                }
                showInfoSection();
            } else {
                infoBySection = Map.of();
                info.apply(details.info().status() == Readout.Status.DENIED
                        ? Readout.denied(details.info().message()) : Readout.failed(details.info().message()), at);
            }
        }
        if (details.config() != null) {
            config.apply(details.config().isOk()
                    ? Readout.ok(details.config().value().entrySet().stream().map(e -> new ConfigEntry(e.getKey(), e.getValue())).toList())
                    : details.config().status() == Readout.Status.DENIED ? Readout.denied(details.config().message())
                    : Readout.failed(details.config().message()), at);
        }
    }

    /** Forgets everything (another connection). */
    @Override
    public void clear() {
        slowLog.clear();
        clients.clear();
        info.clear();
        config.clear();
        infoBySection = Map.of();
        infoReadAt = null;
        infoSections.setAll(ALL_SECTIONS);
        selectedSection.set(ALL_SECTIONS);
        selectedClient.set(null);
        ownClientId.set(null);
    }

    /** Empties the configuration table until it is read again ("Reload"). */
    public void reloadConfig() {
        config.clear();
    }

    private void showInfoSection() {
        String section = selectedSection.get();
        Map<String, Map<String, String>> chosen = section == null || ALL_SECTIONS.equals(section)
                ? infoBySection : Map.of(section, infoBySection.getOrDefault(section, Map.of()));
        List<InfoField> fields = new ArrayList<>();
        new LinkedHashMap<>(chosen).forEach((name, values) -> values.forEach((k, v) -> fields.add(new InfoField(name, k, v))));
        if (infoReadAt != null) {
            info.apply(Readout.ok(fields), infoReadAt);
        }
    }

    private boolean isOwn(ClientConnection c) {
        return ownClientId.get() != null && ownClientId.get() == c.id();
    }

    /** Which part is shown, and so read. */
    public ObjectProperty<Part> shownProperty() {
        return shown;
    }

    public TableSection<SlowLogEntry> slowLog() {
        return slowLog;
    }

    public TableSection<ClientConnection> clients() {
        return clients;
    }

    public TableSection<InfoField> info() {
        return info;
    }

    public TableSection<ConfigEntry> config() {
        return config;
    }

    /** "All sections", then the INFO sections in the server's order. */
    public ObservableList<String> infoSections() {
        return infoSections;
    }

    public ObjectProperty<String> selectedSectionProperty() {
        return selectedSection;
    }

    /** The client chosen in the table; follows it across refreshes by id, null when it left. */
    public ObjectProperty<ClientConnection> selectedClientProperty() {
        return selectedClient;
    }

    /** CLIENT ID of the dashboard's own connection, null when unknown. */
    public ReadOnlyObjectProperty<Long> ownClientIdProperty() {
        return ownClientId.getReadOnlyProperty();
    }

    /** A client is chosen and it is not the dashboard's own connection. */
    public BooleanBinding canKillProperty() {
        return canKill;
    }

    /** The kill button's tooltip: what it would do, or why it cannot. */
    public StringBinding killHintProperty() {
        return killHint;
    }
}
