package engram.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

/** Steps on the workspace pages that several browser tests share. */
final class WorkspacePages {

    private WorkspacePages() {
    }

    /** A Faces component by its client id (ids contain ':', so a CSS id selector would need escaping). */
    static Locator byId(Page page, String id) {
        return page.locator("[id='" + id + "']");
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

    /**
     * Presses a button (by data-testid) and waits for the page it submits to; when the button first asks for
     * confirmation (data-confirm, confirm.js), confirms in the dialog.
     */
    static Response press(Page page, String testId) {
        String dialog = (String) page.evaluate("id => document.querySelector('[data-testid=' + id + ']').dataset.confirm || ''", testId);
        return page.waitForNavigation(() -> {
            page.locator("[data-testid=" + testId + "]").click();
            if (!dialog.isEmpty()) {
                page.locator("dialog#" + dialog + " [data-confirm-yes]").click();
            }
        });
    }

    /** Replaces every [FILL IN: …] part of the template texts on the experiment page and saves them. */
    static void fillInTemplates(Page page) {
        page.evaluate("() => ['consent', 'instructions', 'debrief'].forEach(f => { const t = document.getElementById('settings:' + f);"
                + " t.value = t.value.replace(/\\[FILL IN:[^\\]]*\\]/g, 'the Example Lab'); })");
        page.waitForNavigation(() -> byId(page, "settings:save").click());
    }
}
