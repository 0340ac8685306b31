package engram.it;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Steps on the workspace pages that several browser tests share. */
final class WorkspacePages {

    private WorkspacePages() {
    }

    /** A Faces component by its client id (ids contain ':', so a CSS id selector would need escaping). */
    static Locator byId(Page page, String id) {
        return page.locator("[id='" + id + "']");
    }

    /** A desktop-sized browser context logged in through the login form of the deployment at {@code base} (ending in /). */
    static BrowserContext loggedIn(Browser browser, String base, String username, String password) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setAcceptDownloads(true));
        Page page = context.newPage();
        page.navigate(base + "admin/login.xhtml");
        page.locator("[id='login:username']").fill(username);
        page.locator("[id='login:password']").fill(password);
        page.locator("[id='login:submit']").click();
        page.waitForURL("**/admin/index.xhtml");
        page.close();
        return context;
    }

    /** Fills the design form's counts, lags and seed; no upper lag limit. */
    static void fillDesign(Page page, int sequences, int length, int repeats, int minLag, int vigilance, long seed) {
        byId(page, "designForm:sequencesCount").fill(String.valueOf(sequences));
        byId(page, "designForm:length").fill(String.valueOf(length));
        byId(page, "designForm:repeats").fill(String.valueOf(repeats));
        byId(page, "designForm:minLag").fill(String.valueOf(minLag));
        byId(page, "designForm:maxLag").fill("");
        byId(page, "designForm:vigilanceRepeats").fill(String.valueOf(vigilance));
        byId(page, "designForm:seed").fill(String.valueOf(seed));
    }
}
