/**
 * An experiment and its life cycle: the entity (timing, texts, policies, codes, owner, collaborators), its built
 * sequence items, every checked and audited change (one class per step: {@code ExperimentCreation}, {@code ExperimentEditor},
 * {@code ExperimentDesign}, {@code ExperimentLifecycle}, {@code ExperimentOverview}), the pre-launch checklist, who may
 * see which experiment, and how full each sequence is ({@code SequenceFill}, read by the participant side and the
 * monitor). A change of a live experiment freezes its protocol through {@code ProtocolFreeze}, which the archive
 * implements, so that this package never imports it. Requires a stimulus set to build from, engram-core's sequence
 * builder, the audit log, the accounts and the database. Out of scope: running it with participants (run), its pages
 * and the scripts' API (workspace), its protocol and archives (archive) and its data (export, results).
 */
package engram.experiment;
