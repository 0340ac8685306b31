package engram.experiment.entity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import engram.accounts.entity.Account;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** An account an experiment is shared with: it sees the experiment and, with the experimenter role, changes it. */
@Entity
@Table(name = "experiment_collaborator")
@IdClass(Collaborator.Key.class)
public class Collaborator {

    /** The composite key (experiment, account). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private Long experiment;
        private Long account;

        public Key() {
        }

        public Key(Long experiment, Long account) {
            this.experiment = experiment;
            this.account = account;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(experiment, k.experiment) && Objects.equals(account, k.account);
        }

        @Override
        public int hashCode() {
            return Objects.hash(experiment, account);
        }
    }

    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "experiment_id")
    private Experiment experiment;
    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "account_id")
    private Account account;
    @Column(name = "added_at")
    private Instant addedAt;

    protected Collaborator() {
    }

    public Collaborator(Experiment experiment, Account account, Instant addedAt) {
        this.experiment = experiment;
        this.account = account;
        this.addedAt = addedAt;
    }

    public Experiment experiment() { return experiment; }
    public Account account() { return account; }
    public Instant addedAt() { return addedAt; }
}
