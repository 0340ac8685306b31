package engram.experiment.control;

import java.util.List;
import java.util.Optional;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Which experiments the caller may see: admins see all; everyone else sees the experiments they own and those shared
 * with them (collaborators). What they may do with a visible experiment is their role's business ({@link CurrentUser}).
 * Every workspace page, download and scripts-API route finds its experiment through here, so an unshared experiment
 * answers 403 wherever it is asked for.
 */
@ApplicationScoped
public class ExperimentAccess {

    @Inject
    CurrentUser currentUser;

    /** The experiments the caller may see, newest first. */
    public List<Experiment> visible(EntityManager em) {
        if (currentUser.can(Account.Role.ADMIN)) {
            return em.createQuery("select e from Experiment e order by e.id desc", Experiment.class).getResultList();
        }
        return em.createQuery("select e from Experiment e left join e.owner o where o.username = :me"
                        + " or exists (select c from Collaborator c where c.experiment = e and c.account.username = :me) order by e.id desc",
                Experiment.class).setParameter("me", String.valueOf(currentUser.username())).getResultList();
    }

    public boolean maySee(EntityManager em, Experiment e) {
        if (currentUser.can(Account.Role.ADMIN)) {
            return true;
        }
        String me = currentUser.username();
        if (me == null) {
            return false;
        }
        if (e.owner() != null && me.equals(e.owner().username())) {
            return true;
        }
        return em.createQuery("select count(c) from Collaborator c where c.experiment = :e and c.account.username = :me", Long.class)
                .setParameter("e", e).setParameter("me", me).getSingleResult() > 0;
    }

    /** Refuses (403 {@code not_shared}) an experiment the caller may not see. */
    public void requireVisible(EntityManager em, Experiment e) {
        if (!maySee(em, e)) {
            throw new ClientError(403, ErrorCode.NOT_SHARED, "The experiment '" + e.slug() + "' is not shared with you: only its owner"
                    + (e.owner() == null ? "" : " (" + e.owner().username() + ")") + ", its collaborators and admins may open it."
                    + " Ask " + (e.owner() == null ? "an admin" : e.owner().username() + " or an admin") + " to add you as a collaborator.");
        }
    }

    /** Only the owner and admins add or remove collaborators. */
    public boolean mayShare(Experiment e) {
        return currentUser.can(Account.Role.ADMIN) || (currentUser.can(Account.Role.EXPERIMENTER) && e.owner() != null
                && e.owner().username().equals(currentUser.username()));
    }

    /** The caller's account, the owner of what they create. */
    public Optional<Account> me(EntityManager em) {
        String me = currentUser.username();
        return me == null ? Optional.empty()
                : em.createQuery("select a from Account a where a.username = :u", Account.class).setParameter("u", me).getResultStream().findFirst();
    }
}
