package engram.accounts.control;

import java.security.Principal;

import engram.accounts.entity.Account;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;

/** Who is logged in and what they may do. ADMIN may do everything; EXPERIMENTER edits experiments; ANALYST reads and exports. */
@Named
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityContext security;

    public String username() {
        Principal caller = security.getCallerPrincipal();
        return caller == null ? null : caller.getName();
    }

    public boolean isLoggedIn() {
        return username() != null;
    }

    /** True when the caller holds the role itself or a stronger one (ADMIN ⊃ EXPERIMENTER ⊃ ANALYST). */
    public boolean can(Account.Role needed) {
        return switch (needed) {
            case ADMIN -> security.isCallerInRole("ADMIN");
            case EXPERIMENTER -> security.isCallerInRole("ADMIN") || security.isCallerInRole("EXPERIMENTER");
            case ANALYST -> security.isCallerInRole("ADMIN") || security.isCallerInRole("EXPERIMENTER") || security.isCallerInRole("ANALYST");
        };
    }

    /** The strongest role the caller holds, or null when anonymous. */
    public Account.Role role() {
        for (Account.Role role : Account.Role.values()) {
            if (security.isCallerInRole(role.name())) {
                return role;
            }
        }
        return null;
    }

    public void require(Account.Role needed) {
        if (!isLoggedIn()) {
            throw new ClientError(401, ErrorCode.UNAUTHORIZED, "Log in first.");
        }
        if (!can(needed)) {
            throw new ClientError(403, ErrorCode.FORBIDDEN, "This needs the " + needed.name().toLowerCase() + " role.");
        }
    }
}
