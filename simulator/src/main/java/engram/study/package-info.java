/**
 * {@code engram study}: moves studies between engram servers (archives pushed and pulled) and drives their lifecycle
 * and export through the experimenter API over HTTP ({@link engram.study.StudyApi}, java.net.http and Jackson), with
 * engram's CLI contract. Out of scope: participants (that is {@code engram.simulate}) and anything not in the
 * experimenter API.
 */
package engram.study;
