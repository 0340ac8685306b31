package engram.accounts.boundary;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

import engram.accounts.control.AccountInputException;
import engram.accounts.control.ApiTokens;
import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.accounts.entity.ApiToken;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** admin/tokens.xhtml: each user creates (shown once) and revokes their own API tokens. */
@Named("tokens")
@ViewScoped
public class TokensBean implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One token as the page shows it; the secret is never shown again. */
    public record Row(long id, String name, String scope, String created, String expires, String lastUsed) implements Serializable {
    }

    /** The expiries the page offers, in days; "never" is null. */
    static final List<Integer> EXPIRIES = List.of(7, 30, 90, 365);

    @Inject
    ApiTokens tokens;
    @Inject
    CurrentUser currentUser;

    private List<Row> rows;
    private String name;
    private ApiToken.Scope scope = ApiToken.Scope.READ;
    private String expiry = "90";
    private String createdSecret;
    private String createdName;

    @PostConstruct
    void load() {
        currentUser.require(Account.Role.ANALYST);
        Instant now = Instant.now();
        rows = tokens.of(currentUser.username()).stream().map(t -> new Row(t.id(), t.name(),
                t.scope() == ApiToken.Scope.READ ? "read and export" : "read and write", UsersBean.time(t.createdAt()),
                t.expiresAt() == null ? "never" : (t.expiredAt(now) ? "expired " : "") + UsersBean.time(t.expiresAt()),
                t.lastUsedAt() == null ? "never" : UsersBean.time(t.lastUsedAt()))).toList();
    }

    public void create() {
        try {
            ApiTokens.Created created = tokens.create(currentUser.username(), name, scope, expiryDays());
            createdSecret = created.secret();
            createdName = created.token().name();
            name = null;
            scope = ApiToken.Scope.READ;
            expiry = "90";
            load();
        } catch (AccountInputException e) {
            Messages.refused(e, "create");
        }
    }

    public void revoke(long id) {
        if (tokens.revoke(currentUser.username(), id)) {
            Messages.info("The token was revoked; scripts using it are now refused.");
        }
        createdSecret = null;
        load();
    }

    /** The chosen expiry in days; null for "never". Anything else than the offered choices is refused by ApiTokens. */
    private Integer expiryDays() {
        if (expiry == null || expiry.equals("never")) {
            return null;
        }
        try {
            return Integer.valueOf(expiry);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public List<Integer> getExpiries() { return EXPIRIES; }
    public ApiToken.Scope[] getScopes() { return ApiToken.Scope.values(); }
    public List<Row> getRows() { return rows; }
    public ApiToken.Scope getScope() { return scope; }
    public void setScope(ApiToken.Scope scope) { this.scope = scope; }
    public String getExpiry() { return expiry; }
    public void setExpiry(String expiry) { this.expiry = expiry; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getCreatedSecret() { return createdSecret; }
    public String getCreatedName() { return createdName; }
}
