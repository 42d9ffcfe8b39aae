package io.trackeep.dashboard.local.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouterTest {

    private static final Handler OK = request -> ApiResponse.noContent();

    private final Router router = new Router()
            .add(new Route("GET", "/api/items", "general", Route.SessionMode.OPTIONAL, OK))
            .add(new Route("POST", "/api/challenges/{id}/score", "general", Route.SessionMode.NONE, OK))
            .add(new Route("GET", "/api/challenges/{id}/rank/{userId}", "general", Route.SessionMode.NONE, OK))
            .add(new Route("GET", "/api/session", "general", Route.SessionMode.REQUIRED, OK))
            .add(new Route("DELETE", "/api/session", "general", Route.SessionMode.REQUIRED, OK))
            .add(new Route("POST", "/api/login", "auth", Route.SessionMode.NONE, OK));

    @Test
    void matchesMethodAndPathAndExtractsParameters() {
        Router.Match match = router.match("GET", "/api/challenges/7/rank/42");

        assertThat(match).isInstanceOf(Router.Match.Found.class);
        Router.Match.Found found = (Router.Match.Found) match;
        assertThat(found.route().pattern()).isEqualTo("/api/challenges/{id}/rank/{userId}");
        assertThat(found.params()).containsEntry("id", "7").containsEntry("userId", "42");
    }

    @Test
    void aKnownPathWithAnotherMethodIsMethodNotAllowedWithTheAllowedMethodsAndTheRoutesLimiter() {
        assertThat(router.match("PUT", "/api/session")).isEqualTo(new Router.Match.WrongMethod("DELETE, GET", "general"));
        assertThat(router.match("GET", "/api/login")).isEqualTo(new Router.Match.WrongMethod("POST", "auth"));
    }

    @Test
    void unknownPathsAndMissingParametersAreNotFound() {
        assertThat(router.match("GET", "/api/nothing")).isInstanceOf(Router.Match.NotFound.class);
        assertThat(router.match("GET", "/api/challenges/7/rank")).isInstanceOf(Router.Match.NotFound.class);
        assertThat(router.match("GET", "/api/challenges//rank/42")).isInstanceOf(Router.Match.NotFound.class);
        assertThat(router.match("GET", "/api/items/extra")).isInstanceOf(Router.Match.NotFound.class);
        assertThat(router.match("GET", "/api/items/extra").limiter()).isNull();
    }

    @Test
    void aTrailingSlashDoesNotChangeTheRoute() {
        assertThat(router.match("GET", "/api/items/")).isInstanceOf(Router.Match.Found.class);
    }
}
