package io.trackeep.dashboard.local.redis;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deletes a redis-server's temporary folder, best effort and without a word. Another deleter may
 * be at the same folder at the same time (a JVM's shutdown hook beside the owner's close, or a
 * sweeper of another JVM): what vanishes meanwhile is skipped, never an exception on the user's
 * console; what cannot be deleted stays for the next sweep.
 */
final class FolderDeletion {

    private FolderDeletion() {
    }

    static void delete(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    deleteOne(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException vanished) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException listingFailed) {
                    deleteOne(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // best effort, as above
        }
    }

    private static void deleteOne(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a folder another deleter is still emptying, or no right to: left for the next sweep
        }
    }
}
