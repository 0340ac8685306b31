/**
 * An experiment and its life cycle: the entity (timing, texts, policies, codes, owner, collaborators), its built
 * sequence items, every checked and audited change (one class per step: {@code ExperimentCreation}, {@code ExperimentEditor},
 * {@code ExperimentDesign}, {@code ExperimentLifecycle}, {@code ExperimentOverview}), the pre-launch checklist and who may
 * see which experiment. Requires a stimulus set to build from, engram-core's sequence builder, the audit log, the
 * accounts and the database. Out of scope: running it with participants (run), its pages (workspace) and its data
 * (export, results).
 */
package engram.experiment;
