/** Generation reports: score summaries, paired tests (engram-analysis) and the Fréchet distance. */
package engram.generator.report;
