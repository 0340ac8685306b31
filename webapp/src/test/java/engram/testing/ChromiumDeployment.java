package engram.testing;

import java.net.URI;
import java.net.URL;

import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared head of a browser test against a deployed engram: one headless Chromium per test class
 * ({@link #CHROMIUM}, launched on first use, closed after the class) and the deployment's address. A subclass adds
 * its own {@code @Deployment} method and the Arquillian annotations.
 */
public abstract class ChromiumDeployment {

    @RegisterExtension
    protected static final ChromiumExtension CHROMIUM = new ChromiumExtension();

    @ArquillianResource
    protected URL deployment;

    protected URI base() {
        return Deployments.base(deployment);
    }

    protected String url(String path) {
        return Deployments.url(deployment, path);
    }
}
