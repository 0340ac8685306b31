package engram.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.ChromiumDeployment;
import engram.testing.Deployments;

import java.nio.file.Path;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/**
 * A run belongs to the browser session that started it (docs/security.md §6), in real headless Chromium: the Prolific
 * ids leave the address bar after the start, a reload resumes the run, and the same link with another SESSION_ID, or
 * the same link in another browser, is refused with the participant screen for {@code session_mismatch}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RunOwnershipIT extends ChromiumDeployment {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withH2("ownership");
    }

    private String link(String pid, String sessionId) {
        return deployment.toString() + "run/demo?PROLIFIC_PID=" + pid + "&STUDY_ID=IT&SESSION_ID=" + sessionId + "&engram_test=1";
    }

    @Test
    void theRunStaysWithItsBrowserSessionAndTheIdsLeaveTheAddressBar() throws Exception {
        Path shots = Path.of(System.getProperty("engram.screenshots", "target/screenshots"));
        try (BrowserContext participant = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = participant.newPage();
            page.navigate(link("OWNER01", "SESSION-A"));
            click(page, "consent-accept");
            visible(page, "start-practice");
            String runId = state(page, "runId");
            String address = (String) page.evaluate("() => location.href");
            assertFalse(address.contains("PROLIFIC_PID") || address.contains("STUDY_ID") || address.contains("SESSION_ID")
                    || address.contains("OWNER01"), address);
            assertTrue(address.endsWith("/run/demo?engram_test=1"), address);

            page.reload();
            visible(page, "start-stream");
            assertEquals(runId, state(page, "runId"), "a reload without the ids in the address resumes the same run");
            assertEquals(Boolean.TRUE, page.evaluate("() => window.engramTest.state().resumed"));
            assertFalse(((String) page.evaluate("() => location.href")).contains("PROLIFIC_PID"));

            Page otherSession = participant.newPage();
            otherSession.navigate(link("OWNER01", "SESSION-B"));
            assertRefused(otherSession);
            otherSession.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("participant-session-mismatch.png")));

            try (BrowserContext otherBrowser = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                    .setIsMobile(true).setHasTouch(true))) {
                Page phone = otherBrowser.newPage();
                phone.navigate(link("OWNER01", "SESSION-A"));
                assertRefused(phone);
                assertTrue(((String) phone.evaluate("() => location.href")).contains("PROLIFIC_PID=OWNER01"),
                        "a refused start keeps the link as it was");
                phone.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("participant-session-mismatch-phone.png")));
            }

            Page again = participant.newPage();
            again.navigate(link("OWNER01", "SESSION-A"));
            visible(again, "start-stream");
            assertEquals(runId, state(again, "runId"), "the Prolific link opened again in the same browser resumes");
        }
    }

    private static void assertRefused(Page page) {
        Locator message = page.locator("[data-testid=error-message]").first();
        message.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(60_000));
        assertTrue(message.textContent().contains("started in another browser or Prolific session"), message.textContent());
        assertEquals("This study is open in another browser", page.locator("h1").first().textContent());
        assertEquals("error", page.evaluate("() => window.engramTest.state().screen"));
        assertEquals("session_mismatch", page.locator("main code").first().textContent(), "the code for the researcher");
    }

    private static String state(Page page, String field) {
        return (String) page.evaluate("f => window.engramTest.state()[f]", field);
    }

    private static void visible(Page page, String testId) {
        page.locator("[data-testid=" + testId + "]").first()
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(60_000));
    }

    private static void click(Page page, String testId) {
        visible(page, testId);
        page.locator("[data-testid=" + testId + "]").first().click();
    }
}
