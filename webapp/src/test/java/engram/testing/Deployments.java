package engram.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that `mvn package` built, with test settings added to the application's own MicroProfile Config file. */
public final class Deployments {

    public static final String ADMIN_PASSWORD = "it-admin-secret";
    private static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

    public static WebArchive engram(Map<String, String> settings) {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("engram.war", "target/engram.war")));
        String properties = own(war) + settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"))
                + "\nengram.admin.password=" + ADMIN_PASSWORD + "\n";
        war.addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
        return war;
    }

    /** The WAR's own MicroProfile Config file (mp.openapi.filter), which the test settings are added to. */
    private static String own(WebArchive war) {
        Node file = war.get(CONFIG);
        if (file == null || file.getAsset() == null) {
            return "";
        }
        try (InputStream in = file.getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WebArchive withH2(String name) {
        return withH2(name, Map.of());
    }

    /** The WAR on a new H2 file database in its own data folder (target/it-data/NAME-…), with these settings added. */
    public static WebArchive withH2(String name, Map<String, String> settings) {
        File folder = new File("target/it-data/" + name + "-" + System.nanoTime()).getAbsoluteFile();
        Map<String, String> all = new HashMap<>(settings);
        all.put("engram.data", folder.getPath());
        all.put("engram.db.url", "jdbc:h2:file:" + folder + "/engram");
        return engram(all);
    }

    /** The deployed application's base address, as Arquillian injects it ({@code @ArquillianResource URL}). */
    public static URI base(URL deployment) {
        try {
            return deployment.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page or API address under the deployed application, e.g. {@code url(deployment, "admin/index.xhtml")}. */
    public static String url(URL deployment, String path) {
        return base(deployment).resolve(path).toString();
    }

    private Deployments() {
    }
}
