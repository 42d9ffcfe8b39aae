package io.trackeep.dashboard.local.http;

import io.trackeep.dashboard.service.json.Json;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The "backend" behind the cached endpoints: deterministic JSON (the same request always gives
 * the same bytes, so a cached and a fresh answer can be compared) produced after a short pause
 * that stands for database work, so the difference between a cache hit and a miss is visible.
 */
final class SampleContent {

    static final int PAGE_SIZE = 20;
    static final int TOTAL_ITEMS = 500;

    private static final String[] TYPES = {"note", "task", "bookmark", "file", "snippet"};
    private static final String[] WORDS = {"redis", "meeting", "notes", "golang", "invoice", "travel", "roadmap",
            "design", "review", "budget", "release", "backup", "recipe", "workout", "reading", "ideas"};

    private final Duration itemsLatency;
    private final Duration searchLatency;
    private final Duration analyticsLatency;

    SampleContent(Duration itemsLatency, Duration searchLatency, Duration analyticsLatency) {
        this.itemsLatency = itemsLatency;
        this.searchLatency = searchLatency;
        this.analyticsLatency = analyticsLatency;
    }

    /** A few milliseconds per request, as a small database query would take. */
    static SampleContent withTypicalLatency() {
        return new SampleContent(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(15));
    }

    /** Page {@code page} (from 1) of the item list; pages past the end are empty. */
    String itemsPage(int page, Long userId) {
        work(itemsLatency);
        List<Map<String, Object>> items = new ArrayList<>();
        int first = (page - 1) * PAGE_SIZE + 1;
        for (int id = first; id < first + PAGE_SIZE && id <= TOTAL_ITEMS; id++) {
            items.add(item(id));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", userId);
        body.put("page", page);
        body.put("page_size", PAGE_SIZE);
        body.put("total_items", TOTAL_ITEMS);
        body.put("total_pages", (TOTAL_ITEMS + PAGE_SIZE - 1) / PAGE_SIZE);
        body.put("items", items);
        return Json.write(body);
    }

    String search(long userId, String query) {
        work(searchLatency);
        SplittableRandom random = new SplittableRandom(query.hashCode() * 31L + userId);
        int count = random.nextInt(0, 11);
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> item = item(random.nextInt(1, TOTAL_ITEMS + 1));
            item.put("title", item.get("title") + " — " + query);
            item.put("score", Math.round(random.nextDouble() * 1000) / 1000.0);
            results.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", userId);
        body.put("query", query);
        body.put("total", count);
        body.put("results", results);
        return Json.write(body);
    }

    String dashboard(long userId, LocalDate start, LocalDate end) {
        work(analyticsLatency);
        List<Map<String, Object>> daily = new ArrayList<>();
        long created = 0;
        long completed = 0;
        long minutes = 0;
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            SplittableRandom random = new SplittableRandom(userId * 100_003L + day.toEpochDay());
            int c = random.nextInt(0, 12);
            int t = random.nextInt(0, 9);
            int m = random.nextInt(0, 480);
            created += c;
            completed += t;
            minutes += m;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", day.toString());
            row.put("items_created", c);
            row.put("tasks_completed", t);
            row.put("time_tracked_minutes", m);
            daily.add(row);
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("items_created", created);
        totals.put("tasks_completed", completed);
        totals.put("time_tracked_minutes", minutes);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", userId);
        body.put("start", start.toString());
        body.put("end", end.toString());
        body.put("days", ChronoUnit.DAYS.between(start, end) + 1);
        body.put("totals", totals);
        body.put("daily", daily);
        return Json.write(body);
    }

    private static Map<String, Object> item(int id) {
        SplittableRandom random = new SplittableRandom(id);
        String type = TYPES[random.nextInt(TYPES.length)];
        String title = capitalise(WORDS[random.nextInt(WORDS.length)]) + " " + WORDS[random.nextInt(WORDS.length)] + " #" + id;
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("type", type);
        item.put("title", title);
        item.put("tags", List.of(WORDS[random.nextInt(WORDS.length)], WORDS[random.nextInt(WORDS.length)]));
        item.put("created_at", LocalDate.of(2024, 1, 1).plusDays(random.nextInt(0, 700)).toString());
        return item;
    }

    private static String capitalise(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private static void work(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing a response", e);
        }
    }
}
