package engram.stimuli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import engram.simulate.Simulation;
import engram.simulate.SimulationReport;
import engram.stimuli.control.NoisePng;
import engram.testing.Deployments;
import engram.testing.Http;

/**
 * Issue 9: an honest upload of about 300 MB (205 noise PNGs of 700 x 700, generated here) through the workspace page,
 * on a server with -Xmx256m. It is imported, or refused up front with the limit named; either way the database still
 * serves: /health is UP and a participant run completes afterwards. Before the fix, 100 such images closed H2
 * (OutOfMemoryError in org.h2.mvstore.WriteBuffer) and every POST /api/runs answered 500 until a restart.
 */
abstract class StimulusUploadContract {

    static final int IMAGES = 205;

    @ArquillianResource
    URL deployment;

    @TempDir
    Path temp;

    URI base() {
        try {
            return deployment.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The zip of a set of {@link #IMAGES} noise PNGs (no compression: noise does not compress). */
    static Path noiseSet(Path folder) throws IOException {
        Path zip = folder.resolve("noise-set.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.setLevel(Deflater.NO_COMPRESSION);
            StringBuilder manifest = new StringBuilder("image_id,file,pair_id,condition,category\n");
            for (int i = 0; i < IMAGES; i++) {
                out.putNextEntry(new ZipEntry("noise/images/n" + i + ".png"));
                NoisePng.write(out, 700, 700, 8, true, 9000 + i);
                out.closeEntry();
                manifest.append("n").append(i).append(",images/n").append(i).append(".png,,foil,noise\n");
            }
            out.putNextEntry(new ZipEntry("noise/manifest.csv"));
            out.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return zip;
    }

    @Test
    void aThreeHundredMegabyteUploadIsImportedOrRefusedUpFrontAndTheDatabaseStillServes() throws Exception {
        Path zip = noiseSet(temp);
        long bytes = Files.size(zip);
        assertTrue(bytes > 300_000_000L, "the upload has " + bytes + " bytes");

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(base().resolve("admin/login.xhtml")).GET().build(), HttpResponse.BodyHandlers.ofString());
        String form = "login=login&login%3Ausername=admin&login%3Apassword=" + URLEncoder.encode(Deployments.ADMIN_PASSWORD, StandardCharsets.UTF_8)
                + "&login%3Asubmit=Log+in&jakarta.faces.ViewState=" + URLEncoder.encode(viewState(login.body(), "login"), StandardCharsets.UTF_8);
        HttpResponse<String> loggedIn = client.send(HttpRequest.newBuilder(base().resolve("admin/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, loggedIn.statusCode(), loggedIn.body());
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(base().resolve("admin/stimuli.xhtml")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        String uploadViewState = viewState(page.body(), "upload");

        String boundary = "----engram" + System.nanoTime();
        String head = field(boundary, "upload", "upload") + field(boundary, "upload:name", "noise 300 MB")
                + field(boundary, "upload:submit", "Upload and import") + field(boundary, "jakarta.faces.ViewState", uploadViewState)
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"upload:zip\"; filename=\"noise-set.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        long started = System.nanoTime();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base().resolve("admin/stimuli.xhtml"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(4))
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head), HttpRequest.BodyPublishers.ofFile(zip),
                        HttpRequest.BodyPublishers.ofString(tail)))
                .build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(200, answer.statusCode(), answer.body());
        boolean imported = answer.body().contains("Imported the stimulus set 'noise 300 MB'");
        boolean refusedWithLimit = answer.body().contains("Nothing was stored") && answer.body().contains("(setting engram.stimuli.");
        System.out.printf("%s: %d bytes (%d PNGs of 700 x 700) %s in %.1f s%n", getClass().getSimpleName(), bytes, IMAGES,
                imported ? "imported" : "refused", seconds);
        assertTrue(imported || refusedWithLimit, answer.body());
        if (imported) {
            HttpResponse<String> list = client.send(HttpRequest.newBuilder(base().resolve("admin/stimuli.xhtml")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(list.body().matches("(?s).*noise 300 MB</b></a></td>\\s*<td class=\"num\">" + IMAGES + "</td>.*"), list.body());
        }

        Http.Reply health = new Http(base()).get("health");
        assertEquals(200, health.status(), health.body());
        assertTrue(health.body().contains("\"UP\""), health.body());
        SimulationReport run = Simulation.against(base()).experiment("demo").participants(1).concurrency(1).seed(309).run();
        assertEquals(1, run.runsCompleted(), run.summary());
        assertEquals(0, run.runsFailed(), run.summary());
    }

    private static String viewState(String page, String formId) {
        Matcher viewState = Pattern.compile("<form id=\"" + formId + "\".*?name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"", Pattern.DOTALL).matcher(page);
        assertTrue(viewState.find(), page);
        return viewState.group(1);
    }

    private static String field(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }
}
