package io.trackeep.dashboard.ui.shell;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.ratelimit.RateLimits;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.LivePanelTestSupport;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.ratelimits.RateLimitsPanel;
import io.trackeep.dashboard.ui.ratelimits.RateLimitsViewModel;
import javafx.scene.control.Button;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a switch of server, no panel shows a figure, a look-up result or an enabled action of
 * the server the window was on before (seen: a rate-limit look-up with an enabled Reset button
 * survived a switch).
 */
class ServerSwitchTest extends LivePanelTestSupport {

    private RedisServerProcess other;

    @AfterEach
    void stopOther() {
        if (other != null) {
            other.close();
        }
    }

    @Test
    void aLookUpAndTheFiguresOfTheFirstServerAreGoneAfterASwitchAndComeFromTheSecond(FxRobot robot, RedisServerProcess server,
                                                                                 RedisConnections redis) {
        try (RateLimits limits = new RateLimits(redis)) {
            for (int i = 0; i < 7; i++) {
                limits.forName("auth").check("10.0.0.7");
            }
        }
        other = RedisServerProcess.start();
        openWindow(server, false, List.of(Map.entry("Other", other)));

        RateLimitsPanel panel = (RateLimitsPanel) show("rate-limits");
        RateLimitsViewModel vm = panel.viewModel();
        waitUntil("the limiters of the first server", Duration.ofSeconds(15),
                () -> vm.rows().stream().anyMatch(r -> r.limiter().equals("auth") && "1".equals(r.clientsText())));
        onFx(() -> {
            vm.lookupLimiterProperty().set("auth");
            vm.lookupClientProperty().set("10.0.0.7");
        });
        robot.clickOn("#lookup-button");
        waitUntil("the look-up's answer", Duration.ofSeconds(10), () -> vm.lookupResultProperty().get().startsWith("5 of 5 used"));
        Button reset = robot.lookup("#lookup-reset-button").queryButton();
        assertThat(callFx(reset::isDisabled)).isFalse();

        onFx(() -> window.viewModel().reloadProfiles("Other")); // as when the profile editor closes
        assertThat(callFx(() -> window.viewModel().selectedProfileProperty().get().name())).as("still on the first server").isEqualTo("Test");
        onFx(() -> window.viewModel().selectedProfileProperty().set(window.viewModel().profiles().stream()
                .filter(p -> p.name().equals("Other")).findFirst().orElseThrow()));
        waitUntil("connected to the other server", Duration.ofSeconds(15), () -> window.connection().state() == ConnectionState.CONNECTED
                && "Other".equals(window.connection().profileProperty().get().name()));

        assertThat(callFx(() -> vm.lookupResultProperty().get())).as("no answer of the first server").isEmpty();
        assertThat(callFx(reset::isDisabled)).as("no action on the first server").isTrue();
        waitUntil("the limiters of the second server", Duration.ofSeconds(15),
                () -> vm.rows().stream().anyMatch(r -> r.limiter().equals("auth")));
        assertThat(callFx(() -> vm.rows().stream().filter(r -> r.limiter().equals("auth")).findFirst().orElseThrow().clientsText()))
                .as("the second server has no client of 'auth'").isEqualTo("0");
        assertThat(callFx(() -> vm.topClients())).isEmpty();
    }
}
