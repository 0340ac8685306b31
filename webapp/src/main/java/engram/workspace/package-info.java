/**
 * The experimenter's side: the Faces pages under /admin (thin {@code @Named} beans, the design report and SVG
 * timeline, the Markdown preview, the live monitor's aggregate queries) and the scripts' API at /api/experiments
 * ({@code ExperimentsResource}: the same controls for scripts, the monitor's counts included). Requires the controls of
 * experiment, stimuli, archive, results, export, audit and accounts. Out of scope: rules of its own (a bean or a
 * resource calls a control that checks and audits the change) and the participant side, which it never imports
 * (WebappArchitectureTest).
 */
package engram.workspace;
