package engram.testing;

import java.net.URI;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

/** Steps on the workspace pages that several browser tests share. */
public final class WorkspacePages {

    private WorkspacePages() {
    }

    /** A Faces component by its client id (ids contain ':', so a CSS id selector would need escaping). */
    public static Locator byId(Page page, String id) {
        return page.locator("[id='" + id + "']");
    }

    /** Fills the design form's counts, lags and seed; no upper lag limit. */
    public static void fillDesign(Page page, int sequences, int length, int repeats, int minLag, int vigilance, long seed) {
        byId(page, "designForm:sequencesCount").fill(String.valueOf(sequences));
        byId(page, "designForm:length").fill(String.valueOf(length));
        byId(page, "designForm:repeats").fill(String.valueOf(repeats));
        byId(page, "designForm:minLag").fill(String.valueOf(minLag));
        byId(page, "designForm:maxLag").fill("");
        byId(page, "designForm:vigilanceRepeats").fill(String.valueOf(vigilance));
        byId(page, "designForm:seed").fill(String.valueOf(seed));
    }

    /**
     * Presses a button (by data-testid) and waits for the page it submits to; when the button first asks for
     * confirmation (data-confirm, confirm.js), confirms in the dialog.
     */
    public static Response press(Page page, String testId) {
        String dialog = (String) page.evaluate("id => document.querySelector('[data-testid=' + id + ']').dataset.confirm || ''", testId);
        return page.waitForNavigation(() -> {
            page.locator("[data-testid=" + testId + "]").click();
            if (!dialog.isEmpty()) {
                page.locator("dialog#" + dialog + " [data-confirm-yes]").click();
            }
        });
    }

    /** Replaces every [FILL IN: …] part of the template texts on the experiment page and saves them. */
    public static void fillInTemplates(Page page) {
        page.evaluate("() => ['consent', 'instructions', 'debrief'].forEach(f => { const t = document.getElementById('settings:' + f);"
                + " t.value = t.value.replace(/\\[FILL IN:[^\\]]*\\]/g, 'the Example Lab'); })");
        page.waitForNavigation(() -> byId(page, "settings:save").click());
    }

    /** A new page in the context, logged in on the login form and on the workspace's start page. */
    public static Page loggedIn(BrowserContext context, URI base, String username, String password) {
        Page page = context.newPage();
        page.navigate(base.resolve("admin/login.xhtml").toString());
        byId(page, "login:username").fill(username);
        byId(page, "login:password").fill(password);
        page.waitForNavigation(() -> byId(page, "login:submit").click());
        page.waitForURL("**/admin/index.xhtml");
        return page;
    }

    /**
     * Creates an API token on the tokens page and returns its secret (shown once).
     *
     * @param scope  READ or WRITE
     * @param expiry days as offered on the page (e.g. "7"), or "never"
     */
    public static String createToken(Page page, URI base, String name, String scope, String expiry) {
        page.navigate(base.resolve("admin/tokens.xhtml").toString());
        byId(page, "create:name").fill(name);
        byId(page, "create:scope").selectOption(scope);
        byId(page, "create:expiry").selectOption(expiry);
        page.waitForNavigation(() -> byId(page, "create:submit").click());
        return page.locator("#token-secret").first().textContent().trim();
    }
}
