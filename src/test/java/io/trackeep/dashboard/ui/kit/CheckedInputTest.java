package io.trackeep.dashboard.ui.kit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CheckedInputTest {

    @Test
    void aUserIdIsAWholeNumberFromZeroUpAndBlankIsNoUser() {
        CheckedInput<Long> uid = CheckedInput.userId();
        uid.textProperty().set(" 42 ");
        assertThat(uid.value()).contains(42L);
        assertThat(uid.checkProperty().get().valid()).isTrue();
        assertThat(uid.checkProperty().get().message()).isEmpty();

        for (String nonsense : List.of("ann", "-1", "4.2", "99999999999999999999")) {
            uid.textProperty().set(nonsense);
            assertThat(uid.value()).as(nonsense).isEmpty();
            assertThat(uid.checkProperty().get().valid()).as(nonsense).isFalse();
            assertThat(uid.checkProperty().get().message()).as(nonsense).isEqualTo("A user id is a whole number, like 42");
        }

        uid.textProperty().set("");
        assertThat(uid.value()).isEmpty();
        assertThat(uid.checkProperty().get().message()).as("nothing typed is nothing to complain about").isEmpty();
        uid.textProperty().set(null);
        assertThat(uid.checkProperty().get().message()).isEmpty();
    }

    @Test
    void aRecheckFollowsWhatTheTextIsCheckedAgainst() {
        AtomicReference<String> prefix = new AtomicReference<>("tk:");
        CheckedInput<String> key = new CheckedInput<>(k -> k.startsWith(prefix.get())
                ? Check.valid(k, "under " + prefix.get()) : Check.problem("not under " + prefix.get()));
        key.textProperty().set("tk:x");
        assertThat(key.checkProperty().get().message()).isEqualTo("under tk:");
        assertThat(key.checkProperty().get().valid()).isTrue();

        prefix.set("app:");
        key.recheck();
        assertThat(key.checkProperty().get().message()).isEqualTo("not under app:");
        assertThat(key.checkProperty().get().valid()).isFalse();
        assertThat(key.checkProperty().get()).isEqualTo(Check.problem("not under app:"));
        assertThat(key.value()).isEmpty();
    }

    @Test
    void followersSeeEveryCheckAfterTheMessageIsSet() {
        CheckedInput<Long> uid = CheckedInput.userId();
        List<String> seen = new ArrayList<>();
        uid.afterCheck(c -> seen.add(c.value().map(String::valueOf).orElse("-") + "/" + uid.checkProperty().get().message()
                + "/" + c.isProblem()));
        uid.textProperty().set("7");
        uid.textProperty().set("x");
        uid.textProperty().set("");
        assertThat(seen).containsExactly("7//false", "-/A user id is a whole number, like 42/true", "-//false");
    }
}
