package io.trackeep.dashboard.service.profile;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where the dashboard keeps its files on this computer.
 *
 * <ul>
 *   <li>{@code config}: profiles and settings ({@value ProfileStore#FILE_NAME}). Linux:
 *       {@code $XDG_CONFIG_HOME/trackeep-redis-dashboard} or {@code ~/.config/trackeep-redis-dashboard};
 *       Windows: {@code %APPDATA%\TrackeepRedisDashboard}; macOS:
 *       {@code ~/Library/Application Support/TrackeepRedisDashboard}. System property
 *       {@value #CONFIG_DIR_PROPERTY} overrides it.</li>
 *   <li>{@code data}: the key that encrypts saved passwords, deliberately in a different folder
 *       so that copying or backing up the configuration folder does not carry the key along.
 *       Linux: {@code $XDG_DATA_HOME/trackeep-redis-dashboard} or
 *       {@code ~/.local/share/trackeep-redis-dashboard}; Windows:
 *       {@code %LOCALAPPDATA%\TrackeepRedisDashboard} (not roaming); macOS:
 *       {@code ~/Library/Application Support/TrackeepRedisDashboard-Data}. System property
 *       {@value #DATA_DIR_PROPERTY} overrides it; when only the configuration folder is overridden
 *       (tests), the data folder is its sibling {@code <config>-data}, so a test never touches the
 *       user's real key.</li>
 * </ul>
 */
public record ConfigFolders(Path config, Path data) {

    public static final String CONFIG_DIR_PROPERTY = "trackeep.config.dir";
    public static final String DATA_DIR_PROPERTY = "trackeep.data.dir";

    private static final String UNIX_NAME = "trackeep-redis-dashboard";
    private static final String NAME = "TrackeepRedisDashboard";

    /** The folders for this user, honouring the override properties. */
    public static ConfigFolders resolve() {
        return resolve(System.getProperties(), System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home")));
    }

    static ConfigFolders resolve(Properties props, Map<String, String> env, String osName, Path home) {
        String configOverride = props.getProperty(CONFIG_DIR_PROPERTY);
        String dataOverride = props.getProperty(DATA_DIR_PROPERTY);
        Path config = present(configOverride) ? Path.of(configOverride) : defaultConfig(env, osName, home);
        Path data;
        if (present(dataOverride)) {
            data = Path.of(dataOverride);
        } else if (present(configOverride)) {
            data = config.resolveSibling(config.getFileName() + "-data");
        } else {
            data = defaultData(env, osName, home);
        }
        return new ConfigFolders(config.toAbsolutePath(), data.toAbsolutePath());
    }

    /** The platforms whose conventions for per-user folders differ. */
    private enum Platform {
        WINDOWS, MAC, UNIX;

        static Platform of(String osName) {
            String os = osName.toLowerCase(Locale.ROOT);
            // "darwin" holds "win": the Mac names are asked first
            return os.contains("mac") || os.contains("darwin") ? MAC : os.startsWith("windows") ? WINDOWS : UNIX;
        }
    }

    private static Path defaultConfig(Map<String, String> env, String osName, Path home) {
        return switch (Platform.of(osName)) {
            case WINDOWS -> fromEnv(env, "APPDATA", home.resolve("AppData").resolve("Roaming")).resolve(NAME);
            case MAC -> home.resolve("Library").resolve("Application Support").resolve(NAME);
            case UNIX -> fromEnv(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve(UNIX_NAME);
        };
    }

    private static Path defaultData(Map<String, String> env, String osName, Path home) {
        return switch (Platform.of(osName)) {
            case WINDOWS -> fromEnv(env, "LOCALAPPDATA", home.resolve("AppData").resolve("Local")).resolve(NAME);
            case MAC -> home.resolve("Library").resolve("Application Support").resolve(NAME + "-Data");
            case UNIX -> fromEnv(env, "XDG_DATA_HOME", home.resolve(".local").resolve("share")).resolve(UNIX_NAME);
        };
    }

    /** The folder an environment variable names, or {@code fallback} when it is unset or blank. */
    private static Path fromEnv(Map<String, String> env, String variable, Path fallback) {
        String value = env.get(variable);
        return present(value) ? Path.of(value) : fallback;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
