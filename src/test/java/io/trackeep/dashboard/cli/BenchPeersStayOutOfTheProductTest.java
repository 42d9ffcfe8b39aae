package io.trackeep.dashboard.cli;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bucket4j and Redisson are benchmark-only: the product jar (target/classes), its libraries
 * (target/lib) and the installer never contain them. They are test-scoped in the {@code bench}
 * profile only, and the runtime libraries are copied with {@code includeScope=runtime}.
 */
class BenchPeersStayOutOfTheProductTest {

    private static final List<String> PEER_GROUPS = List.of("com.bucket4j", "org.redisson");
    private static final List<String> PEER_PACKAGES = List.of("io/github/bucket4j", "org/redisson", "io/trackeep/dashboard/bench");

    @Test
    void noProductClassIsOrReferencesAPeer() throws IOException {
        Path classes = Path.of("target/classes");
        assertThat(classes.resolve("io/trackeep/dashboard/Main.class")).as("compiled product classes").exists();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = classes.relativize(f).toString().replace('\\', '/');
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String p : PEER_PACKAGES) {
                    if (rel.startsWith(p) || content.contains(p)) {
                        found.add(rel + " (" + p + ")");
                    }
                }
                if (rel.equals("META-INF/services/" + BenchPeer.class.getName())) {
                    found.add(rel);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void peersAreTestScopedInTheBenchProfileOnlyAndLibrariesAreCopiedByRuntimeScope() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        NodeList dependencies = pom.getElementsByTagName("dependency");
        int peers = 0;
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            if (!PEER_GROUPS.contains(text(d, "groupId"))) {
                continue;
            }
            peers++;
            assertThat(text(d, "scope")).as(text(d, "artifactId")).isEqualTo("test");
            assertThat(profileOf(d)).as(text(d, "artifactId") + " is declared in the bench profile").isEqualTo("bench");
        }
        assertThat(peers).as("Bucket4j and Redisson in the bench profile").isEqualTo(2);

        NodeList executions = pom.getElementsByTagName("execution");
        int copies = 0;
        for (int i = 0; i < executions.getLength(); i++) {
            Element e = (Element) executions.item(i);
            if (text(e, "goal").equals("copy-dependencies")) {
                copies++;
                assertThat(text(e, "includeScope")).as(text(e, "id")).isEqualTo("runtime");
            }
        }
        assertThat(copies).as("target/lib and the installer's libraries").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aBuiltLibraryFolderHoldsNoPeer() throws IOException {
        Path lib = Path.of("target/lib");
        if (!Files.isDirectory(lib)) {
            return; // not packaged yet in this build: the two tests above cover how it will be
        }
        try (Stream<Path> jars = Files.list(lib)) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("bucket4j") || name.startsWith("redisson"));
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }

    /** The id of the profile a dependency is declared in, or "" for the main build. */
    private static String profileOf(Element dependency) {
        for (Node n = dependency.getParentNode(); n != null; n = n.getParentNode()) {
            if (n instanceof Element e && e.getTagName().equals("profile")) {
                return text(e, "id");
            }
        }
        return "";
    }
}
