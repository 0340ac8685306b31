package engram.accounts.boundary;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The login form (admin/login.xhtml) and the logout button. */
@Named("login")
@RequestScoped
public class LoginBean {

    static final String LANDING = "/admin/index.xhtml";
    private static final Pattern SAFE_NEXT = Pattern.compile("/admin/[A-Za-z0-9_/-]+\\.xhtml(\\?[A-Za-z0-9_=&%.-]*)?");

    @Inject
    SecurityContext security;

    private String username;
    private String password;
    private String next;

    public void login() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        UsernamePasswordCredential credential = new UsernamePasswordCredential(username == null ? "" : username.trim(),
                new Password(password == null ? "" : password));
        AuthenticationStatus status = security.authenticate(request, (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().credential(credential).newAuthentication(true));
        switch (status) {
            case SUCCESS -> external.redirect(external.getRequestContextPath() + landing(next));
            case SEND_CONTINUE -> faces.responseComplete();
            default -> {
                String message = request.getAttribute(Refusal.ATTRIBUTE) instanceof Refusal refusal ? refusal.message() : "Wrong username or password.";
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
            }
        }
    }

    public void logout() throws ServletException, IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + EngramAuthenticationMechanism.LOGIN_PAGE + "?loggedOut=true");
    }

    /** Where to go after logging in: the page that asked for the login when it is a workspace page, otherwise the landing page. */
    static String landing(String next) {
        if (next != null && SAFE_NEXT.matcher(next).matches() && !next.contains("..") && !next.startsWith(EngramAuthenticationMechanism.LOGIN_PAGE)) {
            return next;
        }
        return LANDING;
    }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getNext() { return next; }
    public void setNext(String next) { this.next = next; }
}
