package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.Version;
import picocli.CommandLine;

/** Prints the program's version for {@code --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"trackeep-redis-dashboard " + Version.current()};
    }
}
