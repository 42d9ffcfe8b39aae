package io.trackeep.dashboard.ui.sessions;

import io.trackeep.dashboard.monitor.sessions.LoginRate;
import io.trackeep.dashboard.monitor.sessions.SessionCensus;
import io.trackeep.dashboard.monitor.sessions.SessionFigures;
import io.trackeep.dashboard.monitor.sessions.SessionListing;
import io.trackeep.dashboard.monitor.sessions.SessionQuery;
import io.trackeep.dashboard.monitor.sessions.SessionRow;
import io.trackeep.dashboard.monitor.sessions.SessionsSnapshot;
import io.trackeep.dashboard.service.session.SessionId;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.kit.Check;
import io.trackeep.dashboard.ui.kit.CheckedInput;
import io.trackeep.dashboard.ui.kit.Figure;
import io.trackeep.dashboard.ui.kit.TableSection.Placeholder;
import io.trackeep.dashboard.ui.panel.LiveViewModel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The Sessions panel's state, without controls: headline figures with how each was obtained, the
 * login-rate minutes, top users, the table rows with their filter (text and role, applied to the
 * rows read) and the query the probe should read (one user or all, which page). FX thread only;
 * {@link #apply} takes what a refresh read.
 */
public final class SessionsViewModel implements LiveViewModel<SessionsUpdate> {

    public static final String ALL_ROLES = "All roles";
    private static final String LOGINS_CAPTION = "Logins per minute · last 15 min";
    private static final Placeholder READING = new Placeholder("Reading sessions…", "");

    // the headline tiles; each tooltip tells the whole story of its reading (Figure.storyProperty)
    private final Figure sessions = new Figure("sessions", "Sessions", "");
    private final Figure users = new Figure("users", "Users", "");
    private final Figure logins = new Figure("logins", "Logins", "");
    private final Figure stale = new Figure("stale", "Stale ids", "");
    private final List<Figure> headline = List.of(sessions, users, logins, stale);
    private final ReadOnlyLongWrapper unreadable = new ReadOnlyLongWrapper(0);
    private final ObservableList<LoginRate.MinuteCount> loginMinutes = FXCollections.observableArrayList();
    // Read-only views made once: a view listens weakly to its list, so a view made per call would
    // be collected with the listeners registered on it.
    private final ObservableList<LoginRate.MinuteCount> loginMinutesView = FXCollections.unmodifiableObservableList(loginMinutes);
    private final ReadOnlyStringWrapper loginCaption = new ReadOnlyStringWrapper(LOGINS_CAPTION);
    private final ReadOnlyStringWrapper loginNote = new ReadOnlyStringWrapper("");
    private final ObservableList<SessionsSnapshot.TopUser> topUsers = FXCollections.observableArrayList();
    private final ObservableList<SessionsSnapshot.TopUser> topUsersView = FXCollections.unmodifiableObservableList(topUsers);
    private final ReadOnlyStringWrapper topUsersCaption = new ReadOnlyStringWrapper("Most live sessions");

    private final ObservableList<SessionRow> rows = FXCollections.observableArrayList();
    private final FilteredList<SessionRow> visibleRows = new FilteredList<>(rows);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<String> role = new SimpleObjectProperty<>(ALL_ROLES);
    private final ObservableList<String> roles = FXCollections.observableArrayList(ALL_ROLES);
    private final ObservableList<String> rolesView = FXCollections.unmodifiableObservableList(roles);

    private final CheckedInput<Long> userId = CheckedInput.userId();
    private final ReadOnlyObjectWrapper<SessionQuery> query = new ReadOnlyObjectWrapper<>(SessionQuery.ALL);
    private final ReadOnlyStringWrapper sourceNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper indexMissing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canPrevious = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Placeholder> placeholder = new ReadOnlyObjectWrapper<>(READING);
    private final ReadOnlyObjectWrapper<Instant> readAt = new ReadOnlyObjectWrapper<>();

    private SessionFigures figures;
    private SessionListing listing;
    private String pageRange = "";

    public SessionsViewModel() {
        filterText.addListener((obs, o, n) -> refilter());
        role.addListener((obs, o, n) -> refilter());
        userId.afterCheck(this::userChanged);
        showPending();
    }

    // ---- input ---------------------------------------------------------------------------

    /** Forgets everything read: the window's connection changed. The admin's filters stay. */
    @Override
    public void clear() {
        figures = null;
        listing = null;
        showPending();
        unreadable.set(0);
        loginCaption.set(LOGINS_CAPTION);
        loginNote.set("");
        loginMinutes.clear();
        topUsers.clear();
        rows.clear();
        readAt.set(null);
        placeholder.set(READING);
    }

    /** Takes one refresh's figures and page; a page read for an earlier query is ignored. */
    @Override
    public void apply(SessionsUpdate update) {
        figures = update.figures();
        if (update.listing().query().equals(query.get())) {
            listing = update.listing();
            applyRows(listing.rows());
        }
        readAt.set(update.listing().at());
        show(sessions, sessionsFigure(figures));
        show(users, usersFigure(figures));
        show(stale, staleFigure(figures));
        unreadable.set(figures.census() == null ? 0 : figures.census().unreadable());
        topUsers.setAll(figures.snapshot().topUsers());
        topUsersCaption.set(topUsersCaption(figures));
        if (listing != null) {
            applyLogins(listing.logins());
        }
        describePage();
        describeEmpty();
    }

    private static String topUsersCaption(SessionFigures f) {
        SessionCensus.Figures c = f.census();
        if (c == null || c.complete()) {
            return "Most live sessions";
        }
        return "Most live sessions so far · counting " + Units.percent(c.progress());
    }

    // ---- commands ------------------------------------------------------------------------

    public void nextPage() {
        if (canNext.get()) {
            setQuery(query.get().onPage(query.get().page() + 1));
        }
    }

    public void previousPage() {
        if (canPrevious.get()) {
            setQuery(query.get().onPage(query.get().page() - 1));
        }
    }

    /** Shows one user's sessions (the user id field follows). */
    public void showUser(long uid) {
        userId.textProperty().set(Long.toString(uid));
    }

    /** Back to all sessions. */
    public void clearUser() {
        userId.textProperty().set("");
    }

    /** Lists the session keys whose value is not a session, or back to all sessions. */
    public void showUnreadable(boolean show) {
        if (show) {
            setQuery(SessionQuery.UNREADABLE);
            userId.textProperty().set("");
        } else if (query.get().unreadable()) {
            setQuery(SessionQuery.ALL);
        }
    }

    // ---- properties ----------------------------------------------------------------------

    /**
     * The headline figures in reading order: sessions, users, logins, stale ids. The logins
     * figure's label says what it counts: "Logins", or "Sessions created" where logins cannot be counted.
     */
    public List<Figure> figures() { return headline; }

    /** The figure with this {@link Figure#id()}. */
    public Figure figure(String id) {
        return headline.stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No figure " + id));
    }

    /** Session keys whose value is not a session, as the census counted them. */
    public ReadOnlyLongProperty unreadableProperty() { return unreadable.getReadOnlyProperty(); }

    /** Logins per minute, oldest first: finished minutes only (the current one is in {@link #loginNoteProperty}). */
    public ObservableList<LoginRate.MinuteCount> loginMinutes() { return loginMinutesView; }

    public ReadOnlyStringProperty loginCaptionProperty() { return loginCaption.getReadOnlyProperty(); }

    /** The minute in progress, which the chart leaves out until it ends, and where the counts come from. */
    public ReadOnlyStringProperty loginNoteProperty() { return loginNote.getReadOnlyProperty(); }

    public ObservableList<SessionsSnapshot.TopUser> topUsers() { return topUsersView; }

    public ReadOnlyStringProperty topUsersCaptionProperty() { return topUsersCaption.getReadOnlyProperty(); }

    /** The rows of the page that pass the filter. */
    public ObservableList<SessionRow> visibleRows() { return visibleRows; }

    /** Matches user id, username, email, ip, role, user agent or masked session id, case-insensitively. */
    public StringProperty filterTextProperty() { return filterText; }

    public ObjectProperty<String> roleProperty() { return role; }

    /** {@link #ALL_ROLES} and the roles seen so far. */
    public ObservableList<String> roles() { return rolesView; }

    /** Blank for all sessions, a user id for one user's; its message says why the text is not used. */
    public CheckedInput<Long> userId() { return userId; }

    /** What the probe should read next. */
    public ReadOnlyObjectProperty<SessionQuery> queryProperty() { return query.getReadOnlyProperty(); }

    /** Where the rows come from: the index, one user's set, or a scanning sample. */
    public ReadOnlyStringProperty sourceNoteProperty() { return sourceNote.getReadOnlyProperty(); }

    /** True when there is no session index and the table is a sample. */
    public ReadOnlyBooleanProperty indexMissingProperty() { return indexMissing.getReadOnlyProperty(); }

    public ReadOnlyStringProperty pageTextProperty() { return pageText.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty canPreviousProperty() { return canPrevious.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty canNextProperty() { return canNext.getReadOnlyProperty(); }

    /** What the table shows instead of rows. */
    public ReadOnlyObjectProperty<Placeholder> placeholderProperty() { return placeholder.getReadOnlyProperty(); }

    /** When the rows were read: the reference for "3 min ago" and the time left. */
    public ReadOnlyObjectProperty<Instant> readAtProperty() { return readAt.getReadOnlyProperty(); }

    // ---- internals -----------------------------------------------------------------------

    private void showPending() {
        for (Figure f : headline) {
            show(f, Reading.PENDING);
        }
        logins.labelProperty().set("Logins");
    }

    /** A tile shows a reading plainly: how sure it is, the note and the tooltip say. */
    private static void show(Figure f, Reading r) {
        f.show(r.value(), r.note(), Figure.Level.NORMAL);
        f.storyProperty().set(r.tooltip());
    }

    private void setQuery(SessionQuery q) {
        if (!q.equals(query.get())) {
            query.set(q);
            canPrevious.set(q.page() > 0);
            canNext.set(false); // known again when the page arrives
        }
    }

    private void userChanged(Check<Long> check) {
        if (check.isProblem() || check.value().isEmpty() && query.get().unreadable()) {
            return; // nothing usable typed, or listing unreadable values: no user to go back to
        }
        setQuery(new SessionQuery(check.value().orElse(null), 0));
    }

    private void applyRows(List<SessionRow> page) {
        rows.setAll(page);
        TreeSet<String> seen = new TreeSet<>(roles.subList(1, roles.size()));
        page.stream().map(SessionRow::role).filter(r -> r != null && !r.isBlank()).forEach(seen::add);
        if (seen.size() != roles.size() - 1) {
            String chosen = role.get();
            roles.setAll(ALL_ROLES);
            roles.addAll(seen);
            role.set(chosen);
        }
    }

    private void refilter() {
        String text = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
        String wanted = role.get() == null || ALL_ROLES.equals(role.get()) ? null : role.get();
        Predicate<SessionRow> p = r -> (wanted == null || wanted.equals(r.role())) && (text.isEmpty() || matches(r, text));
        visibleRows.setPredicate(p);
        showPageText();
        describeEmpty();
    }

    private static boolean matches(SessionRow r, String text) {
        return (r.userId() != null && r.userId().toString().equals(text))
                || contains(r.username(), text) || contains(r.email(), text) || contains(r.ipAddress(), text)
                || contains(r.role(), text) || contains(r.userAgent(), text)
                || contains(SessionId.mask(r.sessionId()), text)
                || (r.malformed() && "malformed".contains(text));
    }

    private static boolean contains(String field, String text) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(text);
    }

    private void applyLogins(LoginRate rate) {
        if (rate.minutes().isEmpty()) {
            return;
        }
        loginMinutes.setAll(rate.finishedMinutes());
        String soFar = "This minute: " + Units.count(rate.currentMinute().logins()) + " so far";
        if (rate.basis() == LoginRate.Basis.COUNTED_AT_LOGIN) {
            logins.labelProperty().set("Logins");
            show(logins, new Reading(Units.count(rate.lastMinute()) + " /min", Units.count(rate.total()) + " in 15 min",
                    "Logins counted when they happen by this project's session store (per-minute counters), so a session that"
                            + " ended since still counts. Every session is this project's: the index lists them all."
                            + " The figure is the last finished minute."));
            loginCaption.set(LOGINS_CAPTION);
            loginNote.set(soFar);
            return;
        }
        StringBuilder how = new StringBuilder("Sessions created per minute that still exist, from the created_at of ");
        how.append(rate.sampled() ? "a sample of " + Units.count(rate.sessionsRead()) + " sessions found by scanning"
                : "all " + Units.count(rate.sessionsRead()) + " sessions");
        how.append(". Logins themselves cannot be counted: the Go backend writes no counter, so a session killed or expired"
                + " since is missing here.");
        if (rate.countedAtLogin() > 0) {
            how.append(" This project's session store counted ").append(Units.count(rate.countedAtLogin()))
                    .append(" logins in these 15 minutes; another backend's are not among them.");
        }
        logins.labelProperty().set("Sessions created");
        show(logins, new Reading(Units.count(rate.lastMinute()) + " /min",
                Units.count(rate.total()) + " in 15 min" + (rate.sampled() ? " · sample" : ""), how.toString()));
        loginCaption.set("Sessions created per minute, still alive");
        loginNote.set(soFar + (rate.sampled() ? " · from a sample" : ""));
    }

    private static Reading sessionsFigure(SessionFigures f) {
        SessionCensus.Figures c = f.census();
        if (c == null) {
            return Reading.PENDING;
        }
        String unreadableWhy = c.unreadable() == 0 ? "" : " " + Units.count(c.unreadable()) + " session keys hold something that is not"
                + " a session (not JSON, no user_id or session_id, another type): they are not counted; \"Unreadable\" lists them.";
        if (f.indexTrusted()) {
            return new Reading(Units.count(f.snapshot().total()), "exact, from index",
                    "Live entries of the session index (sessions:expiry), read every refresh. The index is used because the scan"
                            + " that finished at " + Times.time(c.completedAt()) + " found it listing exactly the readable sessions."
                            + unreadableWhy);
        }
        String why = whyScanning(c) + " Sessions are counted by reading every session key, a little per refresh.";
        if (c.complete()) {
            return new Reading(Units.count(c.sessions()), "exact, by scanning",
                    why + " From the scan that finished at " + Times.time(c.completedAt()) + "." + unreadableWhy);
        }
        String progress = Units.percent(c.progress());
        return new Reading("≥ " + Units.count(c.sessions()), "counting… " + progress,
                why + " The first scan is " + progress + " done; the count grows until it completes." + unreadableWhy);
    }

    /** Why the count does not come from the index. */
    private static String whyScanning(SessionCensus.Figures c) {
        SessionCensus.IndexCheck index = c.index();
        if (!index.present()) {
            return "This Redis has no session index (the Go backend does not write one).";
        }
        if (!c.complete()) {
            return "The session index is not checked yet: it is used only once a complete scan finds it listing every session.";
        }
        if (index.notListed() > 0) {
            return "The session index lists " + Units.count(index.listed()) + " of " + Units.count(c.sessions())
                    + " readable sessions (another backend, such as the Go backend, writes sessions beside it), so it is not used.";
        }
        if (index.unreadableListed() > 0) {
            return "The session index lists values that are not sessions, so it is not used.";
        }
        return "The session index lists " + (index.deadEntries() == null ? "entries" : Units.count(index.deadEntries()) + " entries")
                + " whose session is gone (deleted without the index), so it is not used; \"Remove stale entries\" cleans it.";
    }

    private static Reading usersFigure(SessionFigures f) {
        SessionCensus.Figures c = f.census();
        if (c == null) {
            return Reading.PENDING;
        }
        String what = "Distinct owners (user_id) of the readable sessions. User session sets (user:sessions:<id>) are not"
                + " counted: they may hold ids of sessions that are gone.";
        if (c.complete() && !c.usersCapped()) {
            return new Reading(Units.count(c.users()), "with live sessions",
                    what + " From the scan that finished at " + Times.time(c.completedAt()) + ".");
        }
        if (c.complete()) {
            return new Reading("≥ " + Units.count(c.users()), "too many to tell apart", what + " More users than the dashboard tells apart.");
        }
        return new Reading("≥ " + Units.count(c.users()), "counting… " + Units.percent(c.progress()), what + " The first scan is still running.");
    }

    private static Reading staleFigure(SessionFigures f) {
        SessionCensus.Figures c = f.census();
        Long pastExpiry = f.snapshot().staleIds();
        if (c == null) {
            return Reading.PENDING;
        }
        long ghosts = c.ghostIds();
        long n = ghosts + (pastExpiry == null ? 0 : pastExpiry);
        String where = pastExpiry == null ? "in user sets" : "sets " + Units.count(ghosts) + " · index " + Units.count(pastExpiry);
        String what = "Ids of sessions that are gone: in user sets (user:sessions:<id>, which the Go backend never cleans), counted by"
                + " the scan" + (pastExpiry == null ? "" : ", and index entries past their expiry, counted now") + "."
                + " \"Remove stale entries\" removes them; live sessions are not touched.";
        if (!c.complete()) {
            return new Reading("≥ " + Units.count(n), where, what + " The first scan is " + Units.percent(c.progress()) + " done.");
        }
        return new Reading(Units.count(n), where, what + " Ids in user sets as of the scan that finished at " + Times.time(c.completedAt()) + ".");
    }

    private void describePage() {
        SessionListing l = listing;
        SessionQuery q = query.get();
        canPrevious.set(q.page() > 0);
        if (l == null) {
            pageRange = "";
            sourceNote.set("");
            canNext.set(false);
            showPageText();
            return;
        }
        canNext.set(l.hasMore());
        boolean emptyRedis = l.source() == SessionListing.Source.SCAN_SAMPLE && l.found() == 0 && l.sampleComplete();
        indexMissing.set(l.source() == SessionListing.Source.SCAN_SAMPLE && !emptyRedis);
        SessionCensus.Figures census = figures == null ? null : figures.census();
        int from = l.offset() + 1;
        int to = l.offset() + l.rows().size();
        String range = "Sessions " + Units.count(from) + "–" + Units.count(to);
        switch (l.source()) {
            case INDEX -> {
                sourceNote.set("Most recently active first, paged through the session index");
                String total = figures != null && figures.indexTrusted() ? " of " + Units.count(figures.snapshot().total()) : "";
                pageRange = range + total;
            }
            case SCAN_SAMPLE -> {
                String index = census == null || !census.index().present() ? "Index missing"
                        : !census.complete() ? "Index not checked yet" : "Index incomplete";
                sourceNote.set(emptyRedis ? "No session keys in this Redis" : l.sampleComplete()
                        ? index + ": all " + Units.count(l.found()) + " session keys, by scanning"
                        : index + ": a sample of " + Units.count(l.found()) + " session keys, by scanning");
                pageRange = range + " of " + Units.count(l.found());
            }
            case UNREADABLE -> {
                sourceNote.set("Session keys whose value is not a session" + (census == null || census.completedAt() == null ? ""
                        : ", as found by the scan that finished at " + Times.time(census.completedAt())));
                pageRange = range + " of " + Units.count(l.found());
            }
            case USER -> {
                sourceNote.set(l.userSetFound()
                        ? "Sessions of user " + q.userId() + ": their session set, plus any of theirs among the sessions read"
                        : "User " + q.userId() + " has no session set: showing their sessions among those read recently");
                pageRange = range + " of " + Units.count(l.found());
            }
        }
        if (l.rows().isEmpty()) {
            pageRange = "";
        }
        showPageText();
    }

    /** The page's range, and how many of its rows the filter lets through when it hides some. */
    private void showPageText() {
        int shown = visibleRows.size();
        pageText.set(pageRange.isEmpty() || shown == rows.size() ? pageRange : pageRange + " · " + Units.count(shown) + " shown");
    }

    private void describeEmpty() {
        placeholder.set(emptyTable());
    }

    private Placeholder emptyTable() {
        SessionListing l = listing;
        if (!rows.isEmpty()) {
            return new Placeholder("No session matches the filter", "None of the " + Units.count(rows.size()) + " sessions on this page matches"
                    + (filterText.get() == null || filterText.get().isBlank() ? "" : " “" + filterText.get().strip() + "”")
                    + (ALL_ROLES.equals(role.get()) ? "" : " with role " + role.get()) + ". Clear the filter or choose another role.");
        }
        if (l == null) {
            return new Placeholder("Reading sessions…", "The table fills in with the first refresh.");
        }
        if (query.get().unreadable()) {
            return new Placeholder("No unreadable values", "Every session key holds a session, as far as the last scan found.");
        }
        if (query.get().userId() != null) {
            return new Placeholder("No live sessions of user " + query.get().userId(), "Neither their session set nor the sessions read"
                    + " recently name a live session of this user. Clear the user id to see everyone.");
        }
        if (query.get().page() > 0) {
            return new Placeholder("No sessions on this page", "Sessions ended meanwhile. Go back to the previous page.");
        }
        if (l.source() == SessionListing.Source.SCAN_SAMPLE && figures != null && !figures.counted()) {
            return new Placeholder("Scanning for sessions…",
                    "This Redis has no session index, so sessions are found by scanning the keyspace, a little per refresh.");
        }
        return new Placeholder("No sessions yet", "Sessions appear when users log in through a Trackeep backend or the local instance.");
    }
}
