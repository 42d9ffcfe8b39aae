package io.trackeep.dashboard.ui.admin;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.profile.PasswordChange;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.ui.connect.ConnectionFixture;
import io.trackeep.dashboard.ui.dialog.Confirmation;
import io.trackeep.dashboard.ui.dialog.Notifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Every confirmation names the server the action goes to, and an action never lands on another one. */
@ExtendWith(RedisServerExtension.class)
class ActionRunnerTest {

    @TempDir
    Path temp;
    private ConnectionFixture f;
    private final List<Confirmation> asked = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final Notifier notifier = (kind, title, text) -> notices.add(kind + " " + title + ": " + text);

    @AfterEach
    void tearDown() {
        f.close();
    }

    private ActionPlan<String> plan(AtomicInteger runs) {
        return new ActionPlan<>("test.action", "key k", "Delete k?", List.of("Deletes k"), "Delete",
                () -> {
                    runs.incrementAndGet();
                    return "done";
                }, r -> r);
    }

    @Test
    void theConfirmationNamesTheProfileAndItsAddress(RedisServerProcess server, RedisConnections redis) {
        f = new ConnectionFixture(temp.resolve("config"), server);
        f.store.add(f.profile("Production"), PasswordChange.save(server.password()));
        f.controller.connect(f.store.find("Production").orElseThrow());
        AtomicInteger runs = new AtomicInteger();
        ActionRunner runner = new ActionRunner(f.ui, f.live, c -> {
            asked.add(c);
            return false;
        }, notifier, null, "tester");

        runner.run("Delete key", r -> plan(runs), null);

        assertThat(asked).singleElement().extracting(Confirmation::server)
                .isEqualTo("Production · 127.0.0.1:" + server.port() + "/0");
        assertThat(runs).as("not confirmed").hasValue(0);
    }

    @Test
    void aSwitchOfServerWhileTheAdminConfirmsCancelsTheAction(RedisServerProcess server, RedisConnections redis) {
        f = new ConnectionFixture(temp.resolve("config"), server);
        f.store.add(f.profile("Production"), PasswordChange.save(server.password()));
        f.store.add(f.profile("Staging"), PasswordChange.save(server.password()));
        f.controller.connect(f.store.find("Production").orElseThrow());
        AtomicInteger runs = new AtomicInteger();
        ActionRunner runner = new ActionRunner(f.ui, f.live, c -> {
            asked.add(c);
            f.controller.connect(f.store.find("Staging").orElseThrow()); // e.g. the selector, while the dialog is open
            return true;
        }, notifier, null, "tester");

        runner.run("Delete key", r -> plan(runs), null);

        assertThat(runs).as("nothing runs on a server the admin did not confirm").hasValue(0);
        assertThat(notices).singleElement().asString().startsWith("WARNING Delete key not done")
                .contains("Production · 127.0.0.1:" + server.port() + "/0");
    }
}
