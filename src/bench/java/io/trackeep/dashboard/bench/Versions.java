package io.trackeep.dashboard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of a library as its jar's Maven metadata says, so the bench names exactly what ran.
 * Asking for it loads one of the library's classes: a peer without its library fails when it is
 * created, and the bench counts it as not installed.
 */
final class Versions {

    private Versions() {
    }

    static String of(Class<?> libraryClass, String groupId, String artifactId) {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = libraryClass.getClassLoader().getResourceAsStream(resource)) {
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
