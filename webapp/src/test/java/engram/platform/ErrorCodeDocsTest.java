package engram.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The error codes of {@link ErrorCode} and the API pages agree: each page's "Error codes" table lists exactly the codes
 * the enum assigns to it, and every code the page's prose gives as an error ({@code 409 `locked`},
 * {@code {"error":"incomplete"}}) is one of the enum's.
 */
class ErrorCodeDocsTest {

    private static final Map<ErrorCode.Api, Path> PAGES = Map.of(
            ErrorCode.Api.PARTICIPANT, Path.of("..", "docs", "participant-api.md"),
            ErrorCode.Api.EXPERIMENTER, Path.of("..", "docs", "experimenter-api.md"),
            ErrorCode.Api.WORKSPACE, Path.of("..", "docs", "workspace.md"));

    private static final String TABLE_HEADING = "## Error codes";
    private static final Pattern TABLE_ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*(\\d{3}(?:, \\d{3})*)\\s*\\|.*\\|\\s*$");
    /** A status followed by a code in backticks: "400 `bad_trial`", "**409** (`bad_transition`", "409 `x` / `y`". */
    private static final Pattern STATUS_THEN_CODES = Pattern.compile("\\b[45]\\d\\d\\**\\s*\\(?((?:`[a-z][A-Za-z_<>]*`(?:\\s*(?:,|/|or)\\s*)?)+)");
    private static final Pattern JSON_ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([a-z][A-Za-z_<>]*)\"");
    private static final Pattern BACKTICKED = Pattern.compile("`([a-z][A-Za-z_<>]*)`");

    @ParameterizedTest
    @EnumSource(ErrorCode.Api.class)
    void everyCodeOfAnApiIsInItsPagesTable(ErrorCode.Api api) throws IOException {
        Set<String> table = table(api);
        Set<String> missing = Arrays.stream(ErrorCode.values()).filter(c -> c.apis().contains(api)).map(ErrorCode::code)
                .filter(code -> !table.contains(code)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing, "codes of the " + api + " API missing from the table in " + PAGES.get(api));
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.Api.class)
    void everyCodeInAPagesTableIsAnEnumCodeOfThatApi(ErrorCode.Api api) throws IOException {
        Set<String> stray = table(api).stream()
                .filter(code -> ErrorCode.of(code).filter(c -> c.code().equals(code) && c.apis().contains(api)).isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), stray, "codes in the table of " + PAGES.get(api) + " that ErrorCode does not give that API");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.Api.class)
    void everyErrorCodeThePageMentionsIsAnEnumCode(ErrorCode.Api api) throws IOException {
        List<String> mentioned = mentions(Files.readString(PAGES.get(api)));
        assertFalse(mentioned.isEmpty(), "no error codes found in the prose of " + PAGES.get(api));
        Set<String> unknown = mentioned.stream().filter(code -> ErrorCode.of(code).isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unknown, "error codes in " + PAGES.get(api) + " that ErrorCode lacks");
    }

    @Test
    void theProseParserFindsCodesInEachOfItsForms() {
        assertEquals(List.of("bad_trial", "bad_transition", "no_sequences", "invalid_slug", "invalid_title", "incomplete"),
                mentions("is 400 `bad_trial`. A call is **409** (`bad_transition`, `no_sequences`, …). "
                        + "400 `invalid_slug` / `invalid_title`; otherwise 409 `{\"error\":\"incomplete\",\"missing\":[14]}`."));
        assertEquals(List.of(), mentions("the run ends (`stimulus_size`) after 500 ms; `resume_refused` is recorded"));
    }

    @Test
    void codesAreUniqueAndFamiliesNameTheirMembers() {
        Set<String> codes = new LinkedHashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(codes.add(code.code()), "two constants share " + code.code());
            assertTrue(code.code().matches("[a-z]+(_[a-z]+)*|[a-z]+_<[a-z]+>"), code.code());
        }
        assertEquals("invalid_codeCompleted", ErrorCode.INVALID_FIELD.member("codeCompleted"));
        assertEquals(ErrorCode.INVALID_FIELD, ErrorCode.of("invalid_slug").orElseThrow());
        assertEquals(ErrorCode.INVALID_FORM, ErrorCode.of("invalid_form").orElseThrow());
        assertTrue(ErrorCode.of("invalid_").isEmpty());
        assertTrue(ErrorCode.of("no_such_code").isEmpty());
    }

    @Test
    void aFamilyCannotBeThrownWithoutItsMember() {
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ClientError.badRequest(ErrorCode.INVALID_FIELD, "x"));
        assertTrue(refused.getMessage().contains("invalid_<field>"), refused.getMessage());
    }

    /** The codes in the first column of the page's "Error codes" table. */
    private static Set<String> table(ErrorCode.Api api) throws IOException {
        List<String> lines = Files.readAllLines(PAGES.get(api));
        int start = lines.indexOf(TABLE_HEADING);
        assertTrue(start >= 0, PAGES.get(api) + " has no '" + TABLE_HEADING + "' section");
        Set<String> codes = new LinkedHashSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher row = TABLE_ROW.matcher(line);
            if (row.matches()) {
                assertTrue(codes.add(row.group(1)), PAGES.get(api) + " lists " + row.group(1) + " twice");
            }
        }
        assertFalse(codes.isEmpty(), "the '" + TABLE_HEADING + "' section of " + PAGES.get(api) + " has no rows `code` | status | …");
        return codes;
    }

    /** Codes the text gives as errors: after an HTTP status, or as the value of "error" in a JSON body. */
    static List<String> mentions(String text) {
        List<String> codes = new ArrayList<>();
        Matcher status = STATUS_THEN_CODES.matcher(text);
        while (status.find()) {
            Matcher code = BACKTICKED.matcher(status.group(1));
            while (code.find()) {
                codes.add(code.group(1));
            }
        }
        Matcher json = JSON_ERROR.matcher(text);
        while (json.find()) {
            codes.add(json.group(1));
        }
        return codes;
    }
}
