package io.trackeep.dashboard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of a library as its jar's Maven metadata says, so the bench names exactly what ran. */
final class Versions {

    private Versions() {
    }

    static String of(String groupId, String artifactId) {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = Versions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "?";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }
}
