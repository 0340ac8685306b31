package engram.accounts.control;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import engram.accounts.entity.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/** The Jakarta Security identity store over the account table: passwords (PBKDF2) and personal API tokens (SHA-256). */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @Inject
    Accounts accounts;
    @Inject
    ApiTokens tokens;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        Optional<Account> account;
        if (credential instanceof UsernamePasswordCredential password) {
            account = accounts.authenticate(password.getCaller(), password.getPasswordAsString());
        } else if (credential instanceof ApiTokenCredential token) {
            account = tokens.authenticate(token.secret());
        } else {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return account.map(a -> new CredentialValidationResult(a.username(), groups(a.role())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    /** The role and every role it includes, as Jakarta Security groups (mapped 1:1 to the web.xml roles). */
    public static Set<String> groups(Account.Role role) {
        return role.implied().stream().map(Enum::name).collect(Collectors.toSet());
    }
}
