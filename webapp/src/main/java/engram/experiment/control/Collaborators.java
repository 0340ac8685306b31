package engram.experiment.control;

import java.util.ArrayList;
import java.util.List;

import engram.accounts.entity.Account;
import engram.experiment.entity.Collaborator;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import engram.platform.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Sharing an experiment: its owner (or an admin) adds and removes collaborators. A collaborator sees the experiment
 * in every list, page, API route and export; with the experimenter role they change it as the owner may, with the
 * analyst role they read and export it. Each change is in the audit log.
 */
@ApplicationScoped
public class Collaborators extends ExperimentStep {

    /** The owner or a collaborator, as the sharing card lists them. */
    public record Member(String username, Account.Role role, boolean owner, boolean disabled) {
    }

    /** The owner first, then the collaborators by username. */
    public List<Member> members(Experiment experiment) {
        return database.read(em -> {
            List<Member> members = new ArrayList<>();
            Account owner = experiment.owner();
            if (owner != null) {
                members.add(new Member(owner.username(), owner.role(), true, owner.disabled()));
            }
            for (Collaborator c : collaborators(em, experiment)) {
                members.add(new Member(c.account().username(), c.account().role(), false, c.account().disabled()));
            }
            return members;
        });
    }

    /** Accounts the experiment can be shared with: enabled, not admins (they see everything), not already in. */
    public List<String> candidates(Experiment experiment) {
        String owner = experiment.owner() == null ? "" : experiment.owner().username();
        return database.read(em -> em.createQuery("select a.username from Account a where a.disabled = false and a.role <> :admin"
                        + " and not exists (select c from Collaborator c where c.experiment.id = :e and c.account = a) order by a.username", String.class)
                .setParameter("admin", Account.Role.ADMIN).setParameter("e", experiment.id()).getResultList())
                .stream().filter(name -> !name.equals(owner)).toList();
    }

    public boolean mayShare(Experiment experiment) {
        return access.mayShare(experiment);
    }

    public void share(String slug, String username) {
        currentUser.require(Account.Role.EXPERIMENTER);
        String name = username == null ? "" : username.strip();
        if (name.isEmpty()) {
            throw new FieldError("collaborator", "Choose the account to share the experiment with.");
        }
        database.writeAll(em -> {
            Experiment e = lockShareable(em, slug);
            Account account = em.createQuery("select a from Account a where a.username = :u", Account.class).setParameter("u", name)
                    .getResultStream().findFirst()
                    .orElseThrow(() -> new FieldError("collaborator", "There is no account called '" + name + "'."));
            if (account.equals(e.owner())) {
                throw new FieldError("collaborator", name + " owns '" + slug + "' already.");
            }
            if (account.role() == Account.Role.ADMIN) {
                throw new FieldError("collaborator", name + " is an admin and sees every experiment already.");
            }
            if (account.disabled()) {
                throw new FieldError("collaborator", "The account " + name + " is disabled.");
            }
            if (em.find(Collaborator.class, new Collaborator.Key(e.id(), account.id())) != null) {
                throw new FieldError("collaborator", name + " is a collaborator already.");
            }
            em.persist(new Collaborator(e, account, clock.instant()));
            audit.record(em, e.id(), "shared", "with " + name + " (" + account.role().name().toLowerCase() + "): "
                    + (account.role() == Account.Role.ANALYST ? "may read and export it" : "may read, change and export it"));
        });
    }

    public void unshare(String slug, String username) {
        currentUser.require(Account.Role.EXPERIMENTER);
        database.writeAll(em -> {
            Experiment e = lockShareable(em, slug);
            Collaborator c = collaborators(em, e).stream().filter(x -> x.account().username().equals(username)).findFirst()
                    .orElseThrow(() -> new FieldError("collaborator", "'" + username + "' is not a collaborator of '" + slug + "'."));
            em.remove(c);
            audit.record(em, e.id(), "unshared", username + " removed: no longer sees it");
        });
    }

    private Experiment lockShareable(EntityManager em, String slug) {
        Experiment e = lock(em, slug);
        if (!access.mayShare(e)) {
            throw new ClientError(403, ErrorCode.FORBIDDEN, "Only the owner of '" + slug + "'"
                    + (e.owner() == null ? "" : " (" + e.owner().username() + ")") + " or an admin may share it.");
        }
        return e;
    }

    private static List<Collaborator> collaborators(EntityManager em, Experiment e) {
        return em.createQuery("select c from Collaborator c where c.experiment.id = :e order by c.account.username", Collaborator.class)
                .setParameter("e", e.id()).getResultList();
    }
}
