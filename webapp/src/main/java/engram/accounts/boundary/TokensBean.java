package engram.accounts.boundary;

import java.io.Serializable;
import java.util.List;

import engram.accounts.control.AccountInputException;
import engram.accounts.control.ApiTokens;
import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
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
    public record Row(long id, String name, String created, String lastUsed) implements Serializable {
    }

    @Inject
    ApiTokens tokens;
    @Inject
    CurrentUser currentUser;

    private List<Row> rows;
    private String name;
    private String createdSecret;
    private String createdName;

    @PostConstruct
    void load() {
        currentUser.require(Account.Role.ANALYST);
        rows = tokens.of(currentUser.username()).stream().map(t -> new Row(t.id(), t.name(), UsersBean.time(t.createdAt()),
                t.lastUsedAt() == null ? "never" : UsersBean.time(t.lastUsedAt()))).toList();
    }

    public void create() {
        try {
            ApiTokens.Created created = tokens.create(currentUser.username(), name);
            createdSecret = created.secret();
            createdName = created.token().name();
            name = null;
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

    public List<Row> getRows() { return rows; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getCreatedSecret() { return createdSecret; }
    public String getCreatedName() { return createdName; }
}
