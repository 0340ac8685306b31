package engram.platform;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every setting engram reads, with its default. Each key can also be given as an environment variable (engram.db.url → ENGRAM_DB_URL).
 * The default H2 URL writes every commit to the file at once (WRITE_DELAY=0), so that an acknowledged trial survives a
 * killed server process.
 */
public record EngramConfig(Path dataDirectory, String databaseUrl, String databaseUser, String databasePassword,
                           int poolSize, Optional<String> adminPassword, boolean createDemo) {

    public static EngramConfig fromMicroProfile() {
        Config config = ConfigProvider.getConfig();
        Path data = Path.of(config.getOptionalValue("engram.data", String.class).orElse("data")).toAbsolutePath().normalize();
        String url = config.getOptionalValue("engram.db.url", String.class)
                .orElse("jdbc:h2:file:" + data.resolve("engram") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        boolean h2 = url.startsWith("jdbc:h2:");
        return new EngramConfig(
                data,
                url,
                config.getOptionalValue("engram.db.user", String.class).orElse(h2 ? "sa" : ""),
                config.getOptionalValue("engram.db.password", String.class).orElse(""),
                config.getOptionalValue("engram.db.pool.size", Integer.class).orElse(16),
                config.getOptionalValue("engram.admin.password", String.class).filter(p -> !p.isBlank()),
                config.getOptionalValue("engram.demo", Boolean.class).orElse(true));
    }

    public boolean isH2() {
        return databaseUrl.startsWith("jdbc:h2:");
    }
}
