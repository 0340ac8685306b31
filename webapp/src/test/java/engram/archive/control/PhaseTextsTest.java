package engram.archive.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import engram.experiment.control.DesignRequest;
import engram.experiment.control.ExperimentSteps;
import engram.experiment.control.Markdown;
import engram.experiment.control.TemplateTexts;
import engram.experiment.entity.Experiment;
import engram.platform.Database;

/**
 * The template consent and instructions follow the design: building phase lists replaces the continuous game's
 * untouched templates by the phase study's, "back to the continuous game" does the reverse, and texts the experimenter
 * edited are kept (and {@code textsAreTemplates} is false, which makes the design page show its notice).
 */
class PhaseTextsTest {

    @TempDir
    Path temp;
    private Database database;
    private ExperimentSteps steps;

    @BeforeEach
    void start() throws IOException {
        database = ArchiveFixture.h2(temp.resolve("data"));
        steps = ArchiveFixture.steps(database, ArchiveFixture.archives(database));
        ArchiveFixture.study(database, temp.resolve("set"), "noise");
    }

    @AfterEach
    void stop() {
        database.stop();
    }

    private void texts(String consent, String instructions) {
        database.write(em -> {
            Experiment e = em.createQuery("select e from Experiment e where e.slug = 'noise'", Experiment.class).getSingleResult();
            e.setMarkdownTexts(consent, instructions, TemplateTexts.DEBRIEF, Markdown.toHtml(consent), Markdown.toHtml(instructions),
                    Markdown.toHtml(TemplateTexts.DEBRIEF));
            return null;
        });
    }

    private Experiment experiment() {
        return steps.overview().find("noise");
    }

    private void backToContinuous() {
        steps.design().generate("noise", new DesignRequest(ArchiveFixture.DESIGN, 1500, 750, List.of("foil1", "foil2")));
    }

    @Test
    void untouchedTemplatesBecomeThePhaseStudysAndComeBackWithTheGame() {
        texts(TemplateTexts.CONSENT, TemplateTexts.INSTRUCTIONS.replace("\n", "\r\n"));
        steps.design().generatePhases("noise", PhaseDesignTest.PLAN, PhaseDesignTest.PARAMETERS);
        Experiment e = experiment();
        assertTrue(e.instructionsMarkdown().contains("**Part 2** (opens 10 minutes and closes 1 day after you finish part 1;"
                + " come back through the same Prolific link): a short test of 4 pairs of pictures: each time, choose the picture you saw before"), e.instructionsMarkdown());
        assertTrue(e.instructionsMarkdown().contains("(**Old**, key F) or not (**New**, key J), then say how sure you are (1 = guess, 4 = sure)"),
                e.instructionsMarkdown());
        assertTrue(e.consentMarkdown().contains("you get a completion code for each part"), e.consentMarkdown());
        assertTrue(!e.consentMarkdown().contains("SPACE") && !e.instructionsMarkdown().contains("SPACE"), "no repeat key in a study-test plan");
        assertEquals(Markdown.toHtml(e.instructionsMarkdown()), e.instructionsHtml());
        assertEquals(TemplateTexts.DEBRIEF, e.debriefMarkdown(), "the debrief is not touched");
        assertTrue(steps.design().textsAreTemplates("noise"));

        steps.design().generatePhases("noise", PhaseDesignTest.PLAN.replace("\"delayMinS\":600", "\"delayMinS\":7200"), PhaseDesignTest.PARAMETERS);
        assertTrue(experiment().instructionsMarkdown().contains("opens 2 hours and closes 1 day after you finish part 1"),
                "a rebuilt plan replaces the old plan's untouched templates: " + experiment().instructionsMarkdown());

        backToContinuous();
        assertEquals(TemplateTexts.CONSENT, experiment().consentMarkdown());
        assertEquals(TemplateTexts.INSTRUCTIONS, experiment().instructionsMarkdown());
        assertTrue(steps.design().textsAreTemplates("noise"));
    }

    @Test
    void editedTextsAreKeptInBothDirections() {
        steps.design().generatePhases("noise", PhaseDesignTest.PLAN, PhaseDesignTest.PARAMETERS);
        assertEquals("# Consent\nYou agree.", experiment().consentMarkdown(), "the fixture's own texts are kept");
        assertEquals("Press **space**.", experiment().instructionsMarkdown());
        assertTrue(!steps.design().textsAreTemplates("noise"), "so the design page shows its notice");

        String edited = TemplateTexts.INSTRUCTIONS.replace("Pictures appear", "Photos appear");
        texts(TemplateTexts.CONSENT, edited);
        backToContinuous();
        steps.design().generatePhases("noise", PhaseDesignTest.PLAN, PhaseDesignTest.PARAMETERS);
        assertTrue(experiment().consentMarkdown().contains("Part 1 takes about"), "the untouched consent is replaced");
        assertEquals(edited, experiment().instructionsMarkdown(), "the edited instructions are kept");
        assertTrue(!steps.design().textsAreTemplates("noise"));

        String phaseConsent = experiment().consentMarkdown();
        texts(phaseConsent.replace("[FILL IN: title of the study as approved]", "Pictures after a delay"), edited);
        backToContinuous();
        assertTrue(experiment().consentMarkdown().contains("Pictures after a delay"), "an edited phase consent stays");
        assertEquals(edited, experiment().instructionsMarkdown());
    }
}
