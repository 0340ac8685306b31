package engram.stimuli;

import static engram.testing.WorkspacePages.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.ChromiumDeployment;
import engram.testing.Deployments;
import engram.testing.Http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import jakarta.json.JsonObject;

/**
 * Images in the workspace (issue 12, item 4) on Payara Micro with H2, in headless Chromium: the demo set's thumbnail
 * grid (every thumbnail decoded), its filters and pages, the thumbnail's caching headers, the practice picker on the
 * design page and the timeline's hover image.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ThumbnailsIT extends ChromiumDeployment {

    static final Path SHOTS = Path.of(System.getProperty("engram.screenshots", "target/screenshots"));
    /** Waits until every image of the grid has loaded, then answers how many decoded (naturalWidth > 0) of how many. */
    static final String DECODED = """
            async () => {
              const images = [...document.querySelectorAll('[data-testid=thumb-grid] img')];
              for (const img of images) { img.loading = 'eager'; }
              await Promise.all(images.map(img => img.decode().catch(() => null)));
              return images.filter(img => img.complete && img.naturalWidth > 0).length + '/' + images.length;
            }""";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withH2("thumbnails");
    }

    @Test
    void theGridShowsDecodedThumbnailsWithPairsSideBySideAndFilters() {
        try (BrowserContext context = loggedIn(1280, 900)) {
            Page page = context.newPage();
            page.navigate(url("admin/stimuli.xhtml"));
            page.waitForNavigation(() -> page.locator("[data-testid='set-demo']").click());
            assertTrue(page.url().contains("stimulus-set.xhtml?id="), page.url());
            assertTrue(page.locator("[data-testid=grid-count]").textContent().contains("48 images in 36 pairs and unpaired images"),
                    page.locator("[data-testid=grid-count]").textContent());
            assertEquals(expectedDecoded(page), page.evaluate(DECODED));
            List<?> firstPair = (List<?>) page.evaluate("() => [...document.querySelectorAll('.unit')][0].querySelectorAll('.tile').length === 2"
                    + " ? [...document.querySelectorAll('.unit')[0].querySelectorAll('.tile')].map(t => t.dataset.imageId) : []");
            assertEquals(List.of("pair01_high", "pair01_low"), firstPair, "a pair's members side by side");
            assertTrue(page.locator(".unit").first().textContent().contains("mem. 0.62"), "predicted memorability, two decimals");
            page.evaluate("() => window.scrollTo(0, 0)");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("workspace-stimulus-grid.png")));

            page.waitForNavigation(() -> page.locator("[data-testid=next]").click());
            assertTrue(page.locator("[data-testid=grid-count]").textContent().contains("page 2 of 2"));
            assertEquals(expectedDecoded(page), page.evaluate(DECODED));

            page.locator("#condition").selectOption("high");
            page.waitForNavigation(() -> page.locator("#apply").click());
            assertEquals("12/12", page.evaluate(DECODED));
            assertEquals(0L, ((Number) page.evaluate("() => [...document.querySelectorAll('.tile .cond')].filter(c => c.textContent !== 'high').length")).longValue());

            page.locator("#condition").selectOption("");
            page.locator("#pair").fill("PAIR07");
            page.waitForNavigation(() -> page.locator("#apply").click());
            assertEquals("2/2", page.evaluate(DECODED), "one pair, any case");
            page.locator("#pair").fill("");
            page.locator("#q").fill("no such image");
            page.waitForNavigation(() -> page.locator("#apply").click());
            assertEquals(1, page.locator("[data-testid=no-match]").count());
        }
        try (BrowserContext phone = loggedIn(390, 844)) {
            Page page = phone.newPage();
            page.navigate(url("admin/stimulus-set.xhtml?id=1"));
            assertEquals(expectedDecoded(page), page.evaluate(DECODED));
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("workspace-stimulus-grid-phone.png")));
        }
    }

    @Test
    void aThumbnailIsASmallJpegCachedForAYear() throws IOException {
        Http http = new Http(base());
        Http.Reply list = http.get("api/stimulus-sets/1/stimuli?q=pair03_low", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, list.status(), list.body());
        JsonObject stimulus = list.json().getJsonArray("stimuli").getJsonObject(0);
        String thumbnail = stimulus.getString("thumbnail");
        assertTrue(thumbnail.matches("/img/thumb/[0-9a-f]{64}\\.jpg"), thumbnail);
        Http.Reply first = http.get(thumbnail.substring(1));
        assertEquals(200, first.status());
        assertEquals("image/jpeg", first.raw().headers().firstValue("Content-Type").orElse(""));
        assertEquals("public, max-age=31536000, immutable", first.raw().headers().firstValue("Cache-Control").orElse(""));
        var image = ImageIO.read(new ByteArrayInputStream(first.raw().body()));
        assertTrue(image.getWidth() <= 256 && image.getHeight() <= 256 && image.getWidth() > 0, image.getWidth() + "×" + image.getHeight());
        Http.Reply again = http.get(thumbnail.substring(1));
        assertEquals(List.of(first.raw().body().length), List.of(again.raw().body().length), "the stored thumbnail again");
        String etag = first.raw().headers().firstValue("ETag").orElseThrow();
        Http.Reply notModified = http.send(HttpRequest.newBuilder(base().resolve(thumbnail.substring(1))).header("If-None-Match", etag).GET());
        assertEquals(304, notModified.status());
        assertEquals(404, http.get("img/thumb/" + "0".repeat(64) + ".jpg").status(), "no such image");
        assertEquals(401, http.get("api/stimulus-sets/1/stimuli").status(), "the list needs an account");
        assertEquals(404, http.get("api/stimulus-sets/999/stimuli", "admin", Deployments.ADMIN_PASSWORD).status());
    }

    @Test
    void practiceImagesArePickedFromThumbnailsAndTheTimelineShowsTheImageOnHover() {
        try (BrowserContext context = loggedIn(1280, 900)) {
            Page page = context.newPage();
            page.navigate(url("admin/design.xhtml?slug=demo"));
            page.waitForFunction("() => document.querySelectorAll('[data-testid=practice-picked] img').length === 3"
                    + " && [...document.querySelectorAll('[data-testid=practice-picked] img')].every(i => i.complete && i.naturalWidth > 0)");
            String practice = byId(page, "designForm:practice").inputValue();
            page.locator(".pick-search").fill("foil01");
            page.waitForFunction("() => [...document.querySelectorAll('[data-testid=practice-results] .pick-tile')].map(t => t.dataset.imageId).join() === 'foil01'");
            page.locator("[data-testid=practice-results] .pick-tile").first().click();
            assertEquals(practice + ", foil01", byId(page, "designForm:practice").inputValue(), "a click adds the id to the field");
            page.waitForFunction("() => document.querySelectorAll('[data-testid=practice-picked] .pick-tile').length === 4");
            page.locator(".practice-picker").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                    .setPath(SHOTS.resolve("workspace-practice-picker.png")));
            page.locator("[data-testid=practice-picked] .pick-tile").last().click();
            assertEquals(practice, byId(page, "designForm:practice").inputValue(), "a click on a chosen image takes it out");

            page.locator("svg.timeline rect.tick").nth(3).hover();
            page.waitForFunction("() => { const c = document.querySelector('.timeline-peek'); const i = c && c.querySelector('img');"
                    + " return c && !c.hidden && i.complete && i.naturalWidth > 0; }");
            String caption = (String) page.evaluate("() => document.querySelector('.timeline-peek figcaption').textContent");
            assertTrue(caption.matches("\\d+: \\S+ \\((target|filler|vigilance).*\\)"), caption);
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("workspace-timeline-hover.png")));
        }
    }

    private static String expectedDecoded(Page page) {
        long n = ((Number) page.evaluate("() => document.querySelectorAll('[data-testid=thumb-grid] img').length")).longValue();
        assertTrue(n > 0, "the grid has images");
        return n + "/" + n;
    }

    private BrowserContext loggedIn(int width, int height) {
        return CHROMIUM.loggedIn(base(), "admin", Deployments.ADMIN_PASSWORD, new Browser.NewContextOptions().setViewportSize(width, height));
    }

}
