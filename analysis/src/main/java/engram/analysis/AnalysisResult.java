package engram.analysis;

import engram.analysis.consistency.Consistency;
import engram.analysis.io.Study;
import engram.analysis.recognition.RecognitionResult;
import engram.analysis.scores.ImageScore;
import engram.analysis.scores.ParticipantScore;
import engram.analysis.vms.VmsMaps;
import java.util.List;

/**
 * Everything an analysis computed.
 *
 * @param study             the input
 * @param options           the settings used
 * @param participants      per participant scores, in order of first appearance in responses.csv
 * @param images            per image scores, in manifest order
 * @param conditions        summaries per condition (manifest order of first appearance)
 * @param categories        summaries per category
 * @param tests             all test rows
 * @param consistency       split-half consistency of hit rate and of the true VMS maps
 * @param vms               the VMS maps
 * @param splitExampleA     image hit rates in half A of split 0 (for the scatter plot)
 * @param splitExampleB     the same images' hit rates in half B
 * @param exclusions        every run left out and why (runs that did not complete, then the attention rule's)
 * @param recognition       the study and test phases ({@link RecognitionResult#NONE} for the continuous game only)
 */
public record AnalysisResult(Study study, AnalysisOptions options, List<ParticipantScore> participants,
                             List<ImageScore> images, List<GroupSummary> conditions, List<GroupSummary> categories,
                             List<TestRow> tests, List<Consistency> consistency, VmsMaps vms, double[] splitExampleA,
                             double[] splitExampleB, List<Exclusion> exclusions,
                             RecognitionResult recognition) {
}
