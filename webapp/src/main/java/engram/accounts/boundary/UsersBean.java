package engram.accounts.boundary;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import engram.accounts.control.AccountInputException;
import engram.accounts.control.Accounts;
import engram.accounts.control.CurrentUser;
import engram.accounts.control.PasswordPolicy;
import engram.accounts.entity.Account;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** admin/users.xhtml: the admin lists accounts, creates one with a role, resets a password, disables or enables. */
@Named("users")
@ViewScoped
public class UsersBean implements Serializable {

    private static final long serialVersionUID = 1L;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** One account as the page shows it. */
    public record Row(String username, String role, String created, String lastLogin, boolean disabled) implements Serializable {
    }

    @Inject
    Accounts accounts;
    @Inject
    CurrentUser currentUser;

    private List<Row> rows;
    private String newUsername;
    private String newPassword;
    private Account.Role newRole;
    private String resetAccount;
    private String resetPassword;

    @PostConstruct
    void load() {
        currentUser.require(Account.Role.ADMIN);
        rows = accounts.all().stream().map(a -> new Row(a.username(), a.role().name().toLowerCase(), time(a.createdAt()),
                a.lastLoginAt() == null ? "never" : time(a.lastLoginAt()), a.disabled())).toList();
    }

    public void create() {
        try {
            Account created = accounts.create(newUsername, newPassword, newRole);
            Messages.info("Created " + created.username() + " (" + created.role().name().toLowerCase() + ").");
            newUsername = null;
            newRole = null;
            load();
        } catch (AccountInputException e) {
            Messages.refused(e, "create");
        } finally {
            newPassword = null;
        }
    }

    public void reset() {
        try {
            accounts.resetPassword(resetAccount, resetPassword);
            Messages.info("The password of " + resetAccount + " was reset.");
            resetAccount = null;
        } catch (AccountInputException e) {
            Messages.refused(e, "reset");
        } finally {
            resetPassword = null;
        }
    }

    public void toggle(String username, boolean disable) {
        try {
            accounts.setDisabled(username, disable, currentUser.username());
            Messages.info(username + (disable ? " is disabled: it can no longer log in or use its tokens." : " is enabled again."));
            load();
        } catch (AccountInputException e) {
            Messages.error(e.getMessage());
        }
    }

    public Account.Role[] getRoles() {
        return Account.Role.values();
    }

    public int getMinPasswordLength() {
        return PasswordPolicy.MIN_LENGTH;
    }

    /** The password rule as the form shows it. */
    public String getPasswordRule() {
        return PasswordPolicy.RULE;
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    public List<Row> getRows() { return rows; }
    public String getNewUsername() { return newUsername; }
    public void setNewUsername(String newUsername) { this.newUsername = newUsername; }
    public String getNewPassword() { return newPassword; }
    public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
    public Account.Role getNewRole() { return newRole; }
    public void setNewRole(Account.Role newRole) { this.newRole = newRole; }
    public String getResetAccount() { return resetAccount; }
    public void setResetAccount(String resetAccount) { this.resetAccount = resetAccount; }
    public String getResetPassword() { return resetPassword; }
    public void setResetPassword(String resetPassword) { this.resetPassword = resetPassword; }
}
