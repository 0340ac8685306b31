package engram.it;

import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that `mvn package` built, with test settings added as the application's own MicroProfile Config file. */
final class Deployments {

    static final String ADMIN_PASSWORD = "it-admin-secret";

    static WebArchive engram(Map<String, String> settings) {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("engram.war", "target/engram.war")));
        String properties = settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"))
                + "\nengram.admin.password=" + ADMIN_PASSWORD + "\n";
        war.addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
        return war;
    }

    static WebArchive withH2(String name) {
        File folder = new File("target/it-data/" + name + "-" + System.nanoTime()).getAbsoluteFile();
        return engram(Map.of("engram.data", folder.getPath(), "engram.db.url", "jdbc:h2:file:" + folder + "/engram"));
    }

    private Deployments() {
    }
}
