package engram.app;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All JSON and file APIs live under /api; Payara serves their OpenAPI document at /openapi. */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "engram", version = "1",
                description = "Online memory experiments. The participant API (/api/runs) is used by the participant page; "
                        + "the scripts API (/api/experiments) by analysis scripts. See docs/participant-api.md and docs/accounts.md.",
                license = @License(name = "see the repository")),
        tags = {@Tag(name = "participant", description = "The participant page's API: run token in X-Run-Token, no account"),
                @Tag(name = "scripts", description = "For scripts: HTTP Basic or a personal API token")})
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "An engram username and password")
@SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A personal API token from admin/tokens.xhtml: 'Authorization: Bearer engram_…'")
public class RestApplication extends Application {
}
