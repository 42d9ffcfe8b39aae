package io.trackeep.dashboard.service.profile;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Files and folders only their owner may read: POSIX mode {@code 600}/{@code 700}, or on Windows
 * an ACL with the owner as the only entry. Files are created with these permissions before the
 * first byte is written, so there is no moment in which others could read them.
 *
 * <p>The one rule for every file the dashboard keeps on this computer (profiles, the password
 * key, the local audit log), whether the window or the command line writes it first.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates the folder (and missing parents) if needed; a folder this class creates is owner-only. */
    public static void createFolder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir);
        restrict(dir, true);
    }

    /** Writes a new file (replacing any old one) that is owner-only from its creation on. */
    static void write(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        createFile(file);
        Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Appends to a file in an owner-only folder: both are created owner-only when missing, and a
     * file found open to others (written by an older version) is restricted before it grows.
     */
    public static void append(Path file, byte[] content) throws IOException {
        createFolder(file.getParent());
        if (Files.notExists(file)) {
            try {
                createFile(file);
            } catch (FileAlreadyExistsException createdMeanwhile) {
                // another process (the window and a command) created it first, with the same rule
            }
        }
        if (openToOthers(file)) {
            restrict(file, false);
        }
        Files.write(file, content, StandardOpenOption.APPEND);
    }

    private static void createFile(Path file) throws IOException {
        if (Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } else {
            Files.createFile(file);
            restrict(file, false);
        }
    }

    /** True when others than the owner may access the file (always false where this cannot be told). */
    static boolean openToOthers(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        return posix != null && !FILE.containsAll(posix.readAttributes().permissions());
    }

    static void restrict(Path path, boolean folder) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(folder ? FOLDER : FILE);
            return;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl != null) {
            acl.setAcl(List.of(AclEntry.newBuilder()
                    .setType(AclEntryType.ALLOW)
                    .setPrincipal(Files.getOwner(path))
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                    .build()));
        }
    }
}
