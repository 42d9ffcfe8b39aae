package io.trackeep.dashboard.local.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds the route of a request by method and path. Tells "no such path" (404) from "path exists,
 * other method" (405, with the methods to put in {@code Allow}). Routes are matched in the order
 * they were added; patterns are few, so a linear scan is the simplest correct thing.
 */
public final class Router {

    private final List<Route> routes = new ArrayList<>();

    public Router add(Route route) {
        routes.add(route);
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public Match match(String method, String path) {
        List<String> segments = Route.segments(path);
        TreeSet<String> allowed = new TreeSet<>();
        Route pathOwner = null;
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(segments);
            if (params.isEmpty()) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match.Found(route, params.get());
            }
            allowed.add(route.method());
            pathOwner = pathOwner == null ? route : pathOwner;
        }
        if (pathOwner != null) {
            return new Match.WrongMethod(String.join(", ", allowed), pathOwner.limiter());
        }
        return new Match.NotFound();
    }

    /** The outcome of {@link #match}. */
    public sealed interface Match {

        /** The limiter that counts this request: the route's, or null when it is not rate limited / unknown. */
        String limiter();

        record Found(Route route, Map<String, String> params) implements Match {
            @Override
            public String limiter() {
                return route.limiter();
            }
        }

        /** @param allow the methods the path supports, for the {@code Allow} header */
        record WrongMethod(String allow, String limiter) implements Match {
        }

        record NotFound() implements Match {
            @Override
            public String limiter() { return null; }
        }
    }
}
