/**
 * The demo experiment, created from the demo stimulus set at the first start so that a fresh server has a study to
 * try. Requires the stimuli importer and the experiment controls. Out of scope: anything after that first start.
 */
package engram.demo;
