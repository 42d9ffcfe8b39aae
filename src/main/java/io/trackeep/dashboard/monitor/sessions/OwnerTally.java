package io.trackeep.dashboard.monitor.sessions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Live sessions per user for one census pass: an open-addressing map from user id to count in two
 * primitive arrays (24 to 48 bytes per user, so a million users take at most 48 MiB, a third of
 * what a map of boxed numbers would), holding at most {@code maxUsers} users; sessions of further
 * users are only counted as {@link #overflow()}. Not thread-safe.
 */
final class OwnerTally {

    private static final long EMPTY = -1; // user ids are never negative

    private final int maxUsers;
    private long[] ids = newIds(1024);
    private int[] counts = new int[1024];
    private int users;
    private long overflow;

    OwnerTally(int maxUsers) {
        this.maxUsers = maxUsers;
    }

    /** Counts one live session of {@code userId}. */
    void add(long userId) {
        int slot = slot(ids, userId);
        if (ids[slot] == userId) {
            counts[slot]++;
            return;
        }
        if (users >= maxUsers) {
            overflow++;
            return;
        }
        if (2 * (users + 1) > ids.length) {
            grow();
            slot = slot(ids, userId);
        }
        ids[slot] = userId;
        counts[slot] = 1;
        users++;
    }

    /** Distinct users counted. */
    int users() { return users; }

    /** Sessions of users beyond {@code maxUsers}, not attributed. */
    long overflow() { return overflow; }

    /** The {@code n} users with the most sessions, most first, ties by lower user id. */
    List<UserSessions> top(int n) {
        Comparator<UserSessions> weakestFirst = Comparator.comparingLong(UserSessions::sessions)
                .thenComparing(Comparator.comparingLong(UserSessions::userId).reversed());
        PriorityQueue<UserSessions> best = new PriorityQueue<>(weakestFirst);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != EMPTY) {
                best.add(new UserSessions(ids[i], counts[i]));
                if (best.size() > n) {
                    best.poll();
                }
            }
        }
        List<UserSessions> sorted = new ArrayList<>(best);
        sorted.sort(weakestFirst.reversed());
        return sorted;
    }

    /** A user and their live sessions. */
    record UserSessions(long userId, long sessions) {
    }

    private void grow() {
        long[] oldIds = ids;
        int[] oldCounts = counts;
        ids = newIds(oldIds.length * 2);
        counts = new int[oldIds.length * 2];
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != EMPTY) {
                int slot = slot(ids, oldIds[i]);
                ids[slot] = oldIds[i];
                counts[slot] = oldCounts[i];
            }
        }
    }

    /** The slot holding {@code id}, or the empty slot where it belongs (linear probing). */
    private static int slot(long[] table, long id) {
        int mask = table.length - 1;
        int i = Long.hashCode(id * 0x9E3779B97F4A7C15L) & mask;
        while (table[i] != EMPTY && table[i] != id) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static long[] newIds(int size) {
        long[] table = new long[size];
        Arrays.fill(table, EMPTY);
        return table;
    }
}
