package engram.archive.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.archive.control.ArchiveException;
import engram.archive.control.StudyArchives;
import engram.platform.ClientError;
import engram.platform.ErrorAnswer;
import engram.platform.ErrorCode;
import engram.stimuli.control.StimulusSets;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Imports a study archive (docs/archive-format.md) as a new draft experiment. */
@Path("archives")
@Tag(name = "archives", description = "Study archives: one zip with a study's protocol, sequences and stimulus set (docs/archive-format.md)")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "token")
public class ArchivesResource {

    @Inject
    StudyArchives archives;
    @Inject
    CurrentUser user;

    /** What an import answers. */
    public record ImportAnswer(String slug, String protocolHash, String stimulusSet, boolean stimulusSetReused, int sequences) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a study archive (the request body, Content-Type application/zip) as a new draft experiment (experimenter; a write-scoped token)")
    @APIResponse(responseCode = "201", description = "Imported: the new experiment's slug and protocol hash")
    @APIResponse(responseCode = "400", description = "A damaged, unsafe or inconsistent archive (error bad_archive, every problem in 'problems'), or a bad slug")
    @APIResponse(responseCode = "409", description = "The slug is taken (slug_taken)")
    @APIResponse(responseCode = "413", description = "More than 500 MiB")
    @APIResponse(responseCode = "422", description = "The protocol hash is not the one given in 'verify' (protocol_mismatch), or the format version is newer than this engram reads (unsupported_archive_version)")
    public jakarta.ws.rs.core.Response importArchive(
            @Parameter(in = ParameterIn.QUERY, description = "the new experiment's slug; default: the archive's") @QueryParam("slug") String slug,
            @Parameter(in = ParameterIn.QUERY, description = "refuse the archive unless its protocol hash is this one") @QueryParam("verify") String verify,
            InputStream body) throws IOException {
        user.require(Account.Role.EXPERIMENTER);
        Files.createDirectories(StimulusSets.uploadFolder());
        java.nio.file.Path temp = Files.createTempFile(StimulusSets.uploadFolder(), "archive-", ".zip");
        try {
            try (InputStream in = body) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            StudyArchives.Imported done = archives.importArchive(temp, "the uploaded archive", slug, verify);
            return jakarta.ws.rs.core.Response.status(201).entity(new ImportAnswer(done.slug(), done.protocolHash(), done.stimulusSet(),
                    done.stimulusSetReused(), done.sequences())).build();
        } catch (ArchiveException e) {
            throw refusal(e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static ClientError refusal(ArchiveException e) {
        return switch (e.kind()) {
            case BAD_ARCHIVE -> new ClientError(400, ErrorCode.BAD_ARCHIVE, e.getMessage(), ErrorAnswer.Details.problems(e.problems()));
            case UNSUPPORTED_VERSION -> new ClientError(422, ErrorCode.UNSUPPORTED_ARCHIVE_VERSION, e.getMessage(), ErrorAnswer.Details.problems(e.problems()));
            case PROTOCOL_MISMATCH -> new ClientError(422, ErrorCode.PROTOCOL_MISMATCH, e.getMessage(), ErrorAnswer.Details.problems(e.problems()));
        };
    }
}
