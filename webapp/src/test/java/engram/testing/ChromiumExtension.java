package engram.testing;

import java.net.URI;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;

/**
 * One headless {@link Chromium} for a test class, the browser tests' shared preamble:
 * <pre>{@code @RegisterExtension static final ChromiumExtension CHROMIUM = new ChromiumExtension();}</pre>
 * It launches on first use and closes after the class.
 */
public final class ChromiumExtension implements AfterAllCallback {

    private Chromium chromium;

    public synchronized Browser browser() {
        if (chromium == null) {
            chromium = Chromium.launch();
        }
        return chromium.browser();
    }

    /** A new browser context (a fresh browser profile) with this viewport. */
    public BrowserContext context(int width, int height) {
        return browser().newContext(new Browser.NewContextOptions().setViewportSize(width, height));
    }

    /** A new browser context with these options, logged in on the workspace's login form (the login page is closed again). */
    public BrowserContext loggedIn(URI base, String username, String password, Browser.NewContextOptions options) {
        BrowserContext context = browser().newContext(options);
        WorkspacePages.loggedIn(context, base, username, password).close();
        return context;
    }

    /** A new 1280×900 browser context logged in as the admin. */
    public BrowserContext admin(URI base) {
        return loggedIn(base, "admin", Deployments.ADMIN_PASSWORD, new Browser.NewContextOptions().setViewportSize(1280, 900));
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }
}
