package engram.accounts.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginBeanTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "/admin/tokens.xhtml, /admin/tokens.xhtml",
            "/admin/experiment.xhtml?slug=demo, /admin/experiment.xhtml?slug=demo",
            "NULL, /admin/index.xhtml",
            "'', /admin/index.xhtml",
            "https://evil.example/admin/x.xhtml, /admin/index.xhtml",
            "//evil.example/admin/x.xhtml, /admin/index.xhtml",
            "/admin/../WEB-INF/web.xml, /admin/index.xhtml",
            "/admin/login.xhtml, /admin/index.xhtml",
            "/api/experiments, /admin/index.xhtml",
            "/admin/x.xhtml?a=<script>, /admin/index.xhtml"})
    void afterLoginOnlyWorkspacePagesAreFollowed(String next, String expected) {
        assertEquals(expected, LoginBean.landing(next));
    }
}
