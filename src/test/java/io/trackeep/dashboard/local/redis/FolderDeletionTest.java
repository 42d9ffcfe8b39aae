package io.trackeep.dashboard.local.redis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

class FolderDeletionTest {

    @Test
    void twoDeletersAtOneFolderBothFinishQuietlyAndTheFolderIsGone(@TempDir Path tmp) throws Exception {
        // A local command's shutdown hook and its close() once met at one folder: a file the other had deleted
        // ended the walk with an exception printed on the user's console.
        for (int round = 0; round < 30; round++) {
            Path root = folderOfFiles(tmp.resolve("redis-" + round), 300);
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Void>> deleters = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                deleters.add(CompletableFuture.runAsync(() -> {
                    await(together);
                    FolderDeletion.delete(root);
                }, r -> new Thread(r).start()));
            }
            CompletableFuture.allOf(deleters.toArray(CompletableFuture[]::new)).join(); // throws what a deleter threw

            assertThat(root).as("round %d", round).doesNotExist();
        }
    }

    @Test
    void aFolderThatIsNotThereIsNoError(@TempDir Path tmp) {
        FolderDeletion.delete(tmp.resolve("never-made"));

        assertThat(tmp.resolve("never-made")).doesNotExist();
    }

    private static Path folderOfFiles(Path root, int files) throws IOException {
        Files.createDirectories(root.resolve("sub"));
        for (int i = 0; i < files; i++) {
            Files.writeString(root.resolve((i % 2 == 0 ? "" : "sub/") + "f" + i), "x");
        }
        return root;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
