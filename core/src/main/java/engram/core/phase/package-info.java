/**
 * The phases of an experiment: {@link engram.core.phase.Task}, {@link engram.core.phase.Phase} and the checked
 * {@link engram.core.phase.PhasePlan} (phases numbered in order, sessions and delay windows, options per task), plus
 * {@link engram.core.phase.Side} of a 2AFC image. Needs nothing but the JDK. Out of scope: building the study and test
 * lists (engram.core.design) and running or storing phases (the webapp). See docs/data-formats.md, "Phases, sessions
 * and tasks", and docs/sequences.md, "Recognition designs".
 */
package engram.core.phase;
