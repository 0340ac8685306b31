package engram.accounts.boundary;

import engram.accounts.control.AccountInputException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Faces messages for the accounts pages: global ones, and one per refused field next to its input. */
final class Messages {

    private Messages() {
    }

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    static void error(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    /** Each problem goes next to the input {@code form:field}; a global line says that nothing changed. */
    static void refused(AccountInputException problems, String form) {
        FacesContext faces = FacesContext.getCurrentInstance();
        problems.problems().forEach((field, text) ->
                faces.addMessage(form + ":" + field, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null)));
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Nothing was changed: please correct the marked fields.", null));
        faces.validationFailed();
    }
}
