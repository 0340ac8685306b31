package engram.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Debian's headless Chromium driven by Playwright, with no downloads and no traffic beyond loopback. Every context and
 * page it opens waits up to {@link #DEFAULT_TIMEOUT_MS} for an action, a navigation or a selector instead of
 * Playwright's 30 s: a JSF page that renders in about a second can take many times that on a loaded CI machine, and
 * a longer limit only costs time when a test fails anyway.
 */
public final class Chromium implements AutoCloseable {

    public static final double DEFAULT_TIMEOUT_MS = 90_000;

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Chromium launch() {
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("engram.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run",
                        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost")));
        return new Chromium(playwright, patient(browser));
    }

    /** The browser, with {@link #DEFAULT_TIMEOUT_MS} set on every context and page it creates. */
    private static Browser patient(Browser browser) {
        return (Browser) Proxy.newProxyInstance(Browser.class.getClassLoader(), new Class<?>[] {Browser.class}, (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(browser, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof BrowserContext context) {
                context.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
            } else if (result instanceof Page page) {
                page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
            }
            return result;
        });
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
