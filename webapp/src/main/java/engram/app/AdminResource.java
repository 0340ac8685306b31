package engram.app;

import java.util.Map;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.platform.Backups;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Operations for administrators: POST /api/admin/backup makes an online H2 backup. Who is calling is settled by the
 * one authentication path (EngramAuthenticationMechanism and ApiAccessFilter: HTTP Basic or a write-scoped token,
 * the same login limiter as everywhere); this resource only checks the role.
 */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    Backups backups;

    @POST
    @Path("backup")
    public Map<String, Object> backup() {
        currentUser.require(Account.Role.ADMIN);
        Backups.Backup done = backups.backupH2();
        return Map.of("file", done.file().toString(), "bytes", done.bytes(), "startedAt", done.startedAt().toString(), "millis", done.millis());
    }
}
