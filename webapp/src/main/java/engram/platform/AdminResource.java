package engram.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import engram.accounts.control.Accounts;
import engram.accounts.entity.Account;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Operations for administrators (HTTP Basic, role ADMIN): POST /api/admin/backup makes an online H2 backup. */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    Accounts accounts;
    @Inject
    Backups backups;

    @POST
    @Path("backup")
    public Map<String, Object> backup(@HeaderParam("Authorization") String authorization) {
        requireAdmin(authorization);
        Backups.Backup done = backups.backupH2();
        return Map.of("file", done.file().toString(), "bytes", done.bytes(), "startedAt", done.startedAt().toString(), "millis", done.millis());
    }

    private void requireAdmin(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new ClientError(401, "unauthorized", "Log in as an administrator (HTTP Basic).");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ClientError(401, "unauthorized", "The Authorization header is not valid Base64.");
        }
        int colon = decoded.indexOf(':');
        Account account = colon <= 0 ? null
                : accounts.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1)).orElse(null);
        if (account == null) {
            throw new ClientError(401, "unauthorized", "Wrong user name or password.");
        }
        if (account.role() != Account.Role.ADMIN) {
            throw new ClientError(403, "forbidden", "Backups need the admin role.");
        }
    }
}
