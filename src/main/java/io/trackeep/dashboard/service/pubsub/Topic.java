package io.trackeep.dashboard.service.pubsub;

/**
 * What a subscription listens to: one channel, or a glob pattern of channels
 * ({@code tk:messages:*}). Channel names come from {@code KeySchema}.
 */
public record Topic(String name, boolean pattern) implements Comparable<Topic> {

    public Topic {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A channel or pattern must not be empty");
        }
    }

    public static Topic channel(String name) {
        return new Topic(name, false);
    }

    public static Topic pattern(String glob) {
        return new Topic(glob, true);
    }

    @Override
    public int compareTo(Topic other) {
        int byName = name.compareTo(other.name);
        return byName != 0 ? byName : Boolean.compare(pattern, other.pattern);
    }

    @Override
    public String toString() {
        return (pattern ? "pattern " : "channel ") + name;
    }
}
