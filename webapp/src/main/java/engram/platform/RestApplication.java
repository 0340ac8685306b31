package engram.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All JSON and file APIs live under /api. */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
