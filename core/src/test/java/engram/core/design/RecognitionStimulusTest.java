package engram.core.design;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import engram.core.format.Kind;
import engram.core.format.Manifest;
import engram.core.format.ManifestReader;
import engram.core.format.PhaseList;
import engram.core.format.PhaseTrial;
import org.junit.jupiter.api.Test;

/** The builder reads pairs, conditions and lure types straight from a manifest. */
class RecognitionStimulusTest {

    @Test
    void aManifestGivesPairsWithTheirLureTypeAndUnpairedFoils() throws IOException {
        StringBuilder text = new StringBuilder("image_id,file,pair_id,condition,category,lure_type\n");
        for (int p = 1; p <= 4; p++) {
            String type = p <= 2 ? "perceptual" : "semantic";
            text.append("p").append(p).append("_high,p").append(p).append("_high.png,p").append(p)
                    .append(",high,scene,").append(type).append('\n');
            text.append("p").append(p).append("_low,p").append(p).append("_low.png,p").append(p)
                    .append(",low,scene,").append(type).append('\n');
        }
        text.append("f1,f1.png,,foil,scene,\nf2,f2.png,,foil,scene,\n");
        Manifest manifest = ManifestReader.read(new StringReader(text.toString()), "manifest.csv");
        List<RecognitionStimulus> stimuli = RecognitionStimulus.fromManifest(manifest);
        assertEquals(new RecognitionStimulus("p3_low", "p3", "low", "semantic"), stimuli.get(5));
        assertEquals(new RecognitionStimulus("f1", null, "foil", null), stimuli.get(8));
        List<PhaseList> lists = RecognitionDesignBuilder.of(RecognitionParameters.withDefaults().withStudyPairs(4)
                .withFoilsPerTest(2)).build(RecognitionFixtures.STUDY_OLD_NEW, manifest);
        for (PhaseList list : lists) {
            for (PhaseTrial t : list.trialsOf(2)) {
                String expected = t.kind() == Kind.FOIL ? null
                        : Integer.parseInt(t.imageId().substring(1, 2)) <= 2 ? "perceptual" : "semantic";
                assertEquals(expected, t.lureType(), t.toString());
            }
        }
    }
}
