/**
 * The experimenter's Faces pages under /admin: thin {@code @Named} beans, the design report and SVG timeline, the
 * Markdown preview and the live monitor's aggregate queries. Requires the controls of experiment, stimuli, results,
 * export, audit and accounts. Out of scope: rules of its own (a bean calls a control that checks and audits the
 * change) and the participant side, which it never imports (one frozen exception: {@code Monitor} uses
 * {@code SequenceFill}).
 */
package engram.workspace;
