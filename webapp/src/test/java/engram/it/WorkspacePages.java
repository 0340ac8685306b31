package engram.it;

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
