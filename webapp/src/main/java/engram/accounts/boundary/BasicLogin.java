package engram.accounts.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/** HTTP Basic login for the workspace pages under /admin (web.xml protects them); to be replaced by form login. */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "engram")
public class BasicLogin {
}
