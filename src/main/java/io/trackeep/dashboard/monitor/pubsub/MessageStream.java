package io.trackeep.dashboard.monitor.pubsub;

import io.trackeep.dashboard.service.pubsub.MessageListener;
import io.trackeep.dashboard.service.pubsub.PubSubMessage;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pub/Sub panel's bounded view of the message stream: the last messages received (a ring
 * buffer of at most {@code capacity} messages and {@code maxChars} payload characters) and
 * messages per second per channel over the last {@value #RATE_WINDOW_SECONDS} seconds.
 *
 * <p>It is the subscriptions' {@link MessageListener}: {@link #onMessage} runs on their dispatch
 * thread, once per message, and only copies a reference into the ring and counts, so it keeps up
 * with tens of thousands of messages per second. A reader (the FX pulse) takes what is new with
 * {@link #poll} a few times per second; whatever arrived faster than it was shown is counted, not
 * kept. Memory is bounded whatever the rate, the payload sizes and the number of channels:
 * payloads are cut at {@value #MAX_PAYLOAD_CHARS} characters, at most
 * {@value #MAX_CHANNELS_PER_SECOND} channels are counted apart per second (the rest as
 * {@value #OTHER_CHANNELS}), and the rate window holds {@value #RATE_WINDOW_SECONDS} seconds.
 * Thread-safe (one lock, held for a copy at most).
 */
public final class MessageStream implements MessageListener {

    public static final int DEFAULT_CAPACITY = 5_000;
    /** About 16 MiB of payload at most. */
    public static final long DEFAULT_MAX_CHARS = 8L * 1024 * 1024;
    public static final int MAX_PAYLOAD_CHARS = 256 * 1024;
    public static final int RATE_WINDOW_SECONDS = 5;
    public static final int MAX_CHANNELS_PER_SECOND = 200;
    /** Rows of {@link StreamBatch#channels()}. */
    public static final int MAX_RATE_ROWS = 20;
    public static final String OTHER_CHANNELS = "(other channels)";

    /** Counts of one second. */
    private record Second(long epochSecond, Map<String, long[]> counts, long total) {
    }

    private final StreamMessage[] ring;
    private final long maxChars;
    private int oldest;
    private int size;
    private long chars;
    private long received;
    private long polled;

    private long currentSecond = Long.MIN_VALUE;
    private Map<String, long[]> currentCounts = new HashMap<>();
    private long currentTotal;
    private long firstSecond = Long.MIN_VALUE;
    private final ArrayDeque<Second> seconds = new ArrayDeque<>();

    public MessageStream() {
        this(DEFAULT_CAPACITY, DEFAULT_MAX_CHARS);
    }

    public MessageStream(int capacity, long maxChars) {
        if (capacity < 1 || maxChars < 1) {
            throw new IllegalArgumentException("capacity and maxChars must be positive");
        }
        this.ring = new StreamMessage[capacity];
        this.maxChars = maxChars;
    }

    public int capacity() {
        return ring.length;
    }

    @Override
    public synchronized void onMessage(PubSubMessage message) {
        received++;
        StreamMessage m = StreamMessage.of(received, message, MAX_PAYLOAD_CHARS);
        int length = m.payload().length();
        while (size > 0 && (size == ring.length || chars + length > maxChars)) {
            evictOldest();
        }
        ring[(oldest + size) % ring.length] = m;
        size++;
        chars += length;
        count(message.channel(), message.receivedAt().getEpochSecond());
    }

    /**
     * What is new since the previous poll.
     *
     * @param withMessages false while the view is paused: the messages stay "new" for the next
     *                     poll that asks (as far as the buffer keeps them); counts and rates are returned either way
     * @param now          the end of the rate window
     */
    public synchronized StreamBatch poll(boolean withMessages, Instant now) {
        List<StreamMessage> fresh = List.of();
        long skipped = 0;
        if (withMessages) {
            long newCount = received - polled;
            int take = (int) Math.min(newCount, size);
            fresh = copy(size - take, take);
            skipped = newCount - take;
            polled = received;
        }
        long nowSecond = now.getEpochSecond();
        if (currentSecond != Long.MIN_VALUE && nowSecond > currentSecond) {
            roll(nowSecond);
        }
        return rates(fresh, skipped, nowSecond);
    }

    /** Every buffered message, oldest first (for an export). */
    public synchronized List<StreamMessage> buffered() {
        return copy(0, size);
    }

    /** Messages received since the stream began. */
    public synchronized long received() { return received; }

    public synchronized int size() { return size; }

    /** Empties the buffer; counts and rates go on. */
    public synchronized void clear() {
        while (size > 0) {
            evictOldest();
        }
        polled = received;
    }

    private void evictOldest() {
        chars -= ring[oldest].payload().length();
        ring[oldest] = null;
        oldest = (oldest + 1) % ring.length;
        size--;
    }

    /** {@code count} buffered messages from position {@code from} (0 = oldest). */
    private List<StreamMessage> copy(int from, int count) {
        List<StreamMessage> out = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            out.add(ring[(oldest + i) % ring.length]);
        }
        return out;
    }

    private void count(String channel, long epochSecond) {
        if (firstSecond == Long.MIN_VALUE) {
            firstSecond = epochSecond;
        }
        if (epochSecond > currentSecond) {
            roll(epochSecond);
        }
        // A message stamped just before a poll rolled the second is counted in the new second.
        long[] counter = currentCounts.get(channel);
        if (counter == null) {
            String key = currentCounts.size() < MAX_CHANNELS_PER_SECOND ? channel : OTHER_CHANNELS;
            counter = currentCounts.computeIfAbsent(key, k -> new long[1]);
        }
        counter[0]++;
        currentTotal++;
    }

    /** Closes the current second and starts {@code epochSecond}; forgets seconds out of the window. */
    private void roll(long epochSecond) {
        if (currentSecond != Long.MIN_VALUE && currentTotal > 0) {
            seconds.addLast(new Second(currentSecond, currentCounts, currentTotal));
        }
        while (!seconds.isEmpty() && seconds.peekFirst().epochSecond() < epochSecond - RATE_WINDOW_SECONDS) {
            seconds.removeFirst();
        }
        currentSecond = epochSecond;
        currentCounts = new HashMap<>();
        currentTotal = 0;
    }

    /** Rates over the complete seconds of the window before {@code nowSecond}. */
    private StreamBatch rates(List<StreamMessage> fresh, long skipped, long nowSecond) {
        long from = nowSecond - RATE_WINDOW_SECONDS;
        Map<String, Long> perChannel = new HashMap<>();
        long total = 0;
        for (Second s : seconds) {
            if (s.epochSecond() >= from && s.epochSecond() < nowSecond) {
                total += s.total();
                s.counts().forEach((channel, n) -> perChannel.merge(channel, n[0], Long::sum));
            }
        }
        // A stream younger than the window is averaged over the seconds it has existed.
        long span = firstSecond == Long.MIN_VALUE ? RATE_WINDOW_SECONDS
                : Math.max(1, Math.min(RATE_WINDOW_SECONDS, nowSecond - firstSecond));
        List<ChannelRate> rates = perChannel.entrySet().stream()
                .map(e -> new ChannelRate(e.getKey(), (double) e.getValue() / span, e.getValue()))
                .sorted(Comparator.comparingLong(ChannelRate::messages).reversed().thenComparing(ChannelRate::channel))
                .limit(MAX_RATE_ROWS)
                .toList();
        long oldestSequence = size == 0 ? 0 : ring[oldest].sequence();
        return new StreamBatch(fresh, received, skipped, oldestSequence, size, chars, (double) total / span, rates);
    }
}
