package engram.run;

import static engram.testing.PilotRuns.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
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

import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import engram.platform.ErrorAnswer;
import engram.platform.ErrorCode;
import engram.run.boundary.ProlificWebhookResource;
import engram.run.boundary.RunAnswers;
import engram.run.boundary.RunsResource;
import engram.testing.Deployments;
import engram.testing.Http;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

/** The participant API on Payara Micro with the embedded H2 file database (AUTO_SERVER, so the test can open it too). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ParticipantApiH2IT extends ParticipantApiContract {

    private static final File DATA = new File("target/it-data/api-h2-" + System.nanoTime()).getAbsoluteFile();
    private static final String JDBC = "jdbc:h2:file:" + DATA + "/engram;AUTO_SERVER=TRUE";
    private static final java.nio.file.Path CLOCK = DATA.toPath().resolve("clock-offset-s");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.engram(Map.of("engram.data", DATA.getPath(), "engram.db.url", JDBC, "engram.test.clock-offset-file", CLOCK.toString()));
    }

    @Override
    java.nio.file.Path clockFile() {
        return CLOCK;
    }

    @Override
    Connection database() throws SQLException {
        return DriverManager.getConnection(JDBC, "sa", "");
    }

    /**
     * /openapi, as the running server serves it, lists every participant route (found by reflection on the resources) with
     * its request record, every answer record it declares and the refusal's record, each with all of its components,
     * nested records included. Each run route's 409 lists the body of each of its codes (oneOf), every one with the codes
     * its {@code error} can hold; the codes a route's 409 names are among them, and all routes together name exactly the
     * 409 codes of docs/participant-api.md's table.
     */
    @Test
    void theOpenApiDocumentDescribesEveryParticipantRouteWithItsRecords() throws java.io.IOException {
        Http.Reply reply = http().send(HttpRequest.newBuilder(base().resolve("openapi")).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").GET());
        assertEquals(200, reply.status(), reply.body());
        JsonObject document = Json.createReader(new StringReader(reply.body())).readObject();
        List<String> problems = new ArrayList<>();
        Set<String> codes409 = new TreeSet<>();
        int routes = 0;
        for (Class<?> resource : List.of(RunsResource.class, ProlificWebhookResource.class)) {
            String root = "/api/" + resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(POST.class) ? "post" : method.isAnnotationPresent(PUT.class) ? "put"
                        : method.isAnnotationPresent(GET.class) ? "get" : null;
                if (verb == null) {
                    continue;
                }
                routes++;
                Path sub = method.getAnnotation(Path.class);
                String path = root + (sub == null ? "" : "/" + sub.value());
                String route = verb.toUpperCase() + " " + path;
                JsonObject operation = document.getJsonObject("paths").getJsonObject(path) == null ? null
                        : document.getJsonObject("paths").getJsonObject(path).getJsonObject(verb);
                if (operation == null) {
                    problems.add(route + ": not in /openapi");
                    continue;
                }
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.isAnnotationPresent(RequestBody.class)) {
                        JsonObject body = operation.getJsonObject("requestBody");
                        checkSchema(document, body == null ? null : schemaOf(body), parameter.getType(), route + " request", problems);
                    }
                }
                APIResponse[] answers = method.getAnnotationsByType(APIResponse.class);
                if (Arrays.stream(answers).noneMatch(a -> a.responseCode().startsWith("2"))
                        || Arrays.stream(answers).noneMatch(a -> a.responseCode().equals("default"))) {
                    problems.add(route + ": declares no 2xx answer record or no refusal (default) in its @APIResponse annotations");
                }
                for (APIResponse answer : answers) {
                    JsonObject response = operation.getJsonObject("responses").getJsonObject(answer.responseCode());
                    JsonObject schema = response == null ? null : schemaOf(response);
                    Class<?>[] oneOf = answer.content()[0].schema().oneOf();
                    if (oneOf.length == 0) {
                        checkSchema(document, schema, answer.content()[0].schema().implementation(), route + " " + answer.responseCode(), problems);
                    } else {
                        JsonArray served = schema == null ? null : schema.getJsonArray("oneOf");
                        if (served == null || served.size() != oneOf.length) {
                            problems.add(route + " " + answer.responseCode() + ": oneOf " + oneOf.length + " records, served " + schema);
                        } else {
                            for (int i = 0; i < oneOf.length; i++) {
                                checkSchema(document, served.getJsonObject(i), oneOf[i], route + " " + answer.responseCode() + " oneOf " + i, problems);
                            }
                        }
                    }
                    if (answer.responseCode().equals("409")) {
                        codes409.addAll(check409(document, route, answer.description(), schema, problems));
                    }
                }
                if (resource == RunsResource.class && Arrays.stream(answers).noneMatch(a -> a.responseCode().equals("409"))) {
                    problems.add(route + ": every run route can answer 409 (run_not_active at least) but declares no 409");
                }
            }
        }
        assertEquals(10, routes, "the participant routes: start, consent, trial, complete, phase open, phase done, device, calibration,"
                + " practice, webhook");
        for (var component : document.getJsonObject("components").getJsonObject("schemas").entrySet()) {
            JsonObject schema = component.getValue().asJsonObject();
            if (schema.getInt("maxProperties", -1) == 0 && schema.containsKey("properties")) {
                problems.add(component.getKey() + ": maxProperties 0, so no answer with its properties would be valid");
            }
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/openapi-seen-by-ParticipantApiH2IT.json"), reply.body());
        assertEquals(List.of(), problems, "what /openapi lacks (the document: target/openapi-seen-by-ParticipantApiH2IT.json)");
        assertEquals(codesWithStatus(409), codes409, "the 409 codes /openapi describes are those of docs/participant-api.md's table");
    }

    /** The answers carry every component of their records; nulls are sent where the API always sent them, and left out elsewhere. */
    @Test
    void theAnswersCarryTheirRecordsFieldsWithNullsOnlyWhereDocumented() {
        Http.Reply started = http().post("api/runs", Json.createObjectBuilder().add("experiment", "demo").add("prolificPid", "ITSHAPE")
                .add("studyId", "IT").add("sessionId", "S1").build(), null);
        assertEquals(201, started.status(), started.body());
        JsonObject start = started.json();
        assertEquals(components(RunAnswers.StartAnswer.class), start.keySet());
        assertEquals(components(RunAnswers.Display.class), start.getJsonObject("display").keySet(), "every display field, null included");
        assertEquals(JsonValue.ValueType.NULL, start.getJsonObject("display").get("pxPerDegree").getValueType());
        assertEquals(components(RunAnswers.DeviceRules.class), start.getJsonObject("display").getJsonObject("rules").keySet());
        assertEquals(components(RunAnswers.Texts.class), start.getJsonObject("texts").keySet());
        assertEquals(Set.of("position", "imageId", "url"), start.getJsonArray("trials").getJsonObject(0).keySet(),
                "a position of the continuous game alone names no phase or task, and has no 2AFC sides");
        assertTrue(components(RunAnswers.TrialItem.class).containsAll(start.getJsonArray("trials").getJsonObject(0).keySet()));
        JsonObject phase = start.getJsonArray("phases").getJsonObject(0);
        assertEquals(components(RunAnswers.PhaseItem.class), phase.keySet(), "every phase field, null included: " + phase);
        assertEquals(JsonValue.NULL, phase.get("encodingQuestion"));
        assertEquals(1, start.getInt("session"));
        assertEquals(List.of(), start.getJsonArray("phasesDone"));
        String runPath = "api/runs/" + start.getString("runId");
        String token = start.getString("token");

        JsonObject consent = http().post(runPath + "/consent", Json.createObjectBuilder().add("consent", true).build(), token).json();
        assertEquals(Set.of("state"), consent.keySet(), "no code before the run ends: " + consent);

        JsonObject device = http().post(runPath + "/device", Json.createObjectBuilder().add("userAgent", "IT").add("screenWidth", 1920)
                .add("screenHeight", 1080).add("windowWidth", 1600).add("windowHeight", 900).add("devicePixelRatio", 1.0)
                .add("touch", false).add("refreshHz", 60.0).add("frames", 30).add("fullscreenAvailable", true).build(), token).json();
        assertTrue(device.getBoolean("accepted"), device.toString());
        assertEquals(Set.of("state", "accepted", "rule", "message", "pxPerDegree", "stimulusSizePx"), device.keySet());
        assertEquals(JsonValue.NULL, device.get("rule"));
        assertEquals(JsonValue.NULL, device.get("message"));

        JsonObject first = start.getJsonArray("trials").getJsonObject(0);
        Http.Reply saved = http().put(runPath + "/trials/" + first.getInt("position"), trial(first.getString("imageId"), false), token);
        assertEquals(200, saved.status(), saved.body());
        JsonObject trial = saved.json();
        assertEquals(components(RunAnswers.TrialSaved.class), trial.keySet());
        JsonObject refusal = http().post(runPath + "/complete", null, token).json();
        assertEquals("incomplete", refusal.getString("error"));
        assertEquals(Set.of("error", "message", "missing", "phasesNotDone"), refusal.keySet(), "a refusal carries only the details of its code");
        assertTrue(components(ErrorAnswer.class).containsAll(refusal.keySet()));
    }

    /**
     * The codes a route's 409 description names, after checking that the served schema's members (one, or each of oneOf)
     * give their {@code error} an enum, that each member holds a named code and that each named code is some member's.
     */
    private static Set<String> check409(JsonObject document, String route, String description, JsonObject schema, List<String> problems) {
        Set<String> named = Arrays.stream(description.split("[^a-z_]+"))
                .filter(word -> ErrorCode.of(word).filter(c -> c.code().equals(word)).isPresent())
                .collect(Collectors.toCollection(TreeSet::new));
        List<JsonObject> members = schema == null ? List.of() : schema.containsKey("oneOf") ? schema.getJsonArray("oneOf").getValuesAs(JsonObject.class)
                : List.of(schema);
        Set<String> described = new TreeSet<>();
        for (JsonObject member : members) {
            JsonObject resolved = resolve(document, member);
            JsonObject error = resolved == null || resolved.getJsonObject("properties") == null ? null
                    : resolved.getJsonObject("properties").getJsonObject("error");
            List<String> values = error == null || error.getJsonArray("enum") == null ? List.of()
                    : error.getJsonArray("enum").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
            if (values.isEmpty()) {
                problems.add(route + " 409: " + member + " gives error no enum of codes");
            } else if (values.stream().noneMatch(named::contains)) {
                problems.add(route + " 409: " + member + " holds none of the codes the answer names " + named);
            }
            described.addAll(values);
        }
        if (named.isEmpty() || !described.containsAll(named)) {
            problems.add(route + " 409 names " + named + ", its bodies describe " + described);
        }
        return named;
    }

    /** The codes of docs/participant-api.md's "Error codes" table with this status. */
    private static Set<String> codesWithStatus(int status) throws java.io.IOException {
        Set<String> codes = new TreeSet<>();
        String page = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "participant-api.md"));
        Matcher row = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| " + status + " \\|").matcher(page.substring(page.indexOf("## Error codes")));
        while (row.find()) {
            codes.add(row.group(1));
        }
        return codes;
    }

    private static Set<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonObject schemaOf(JsonObject withContent) {
        JsonObject content = withContent.getJsonObject("content");
        if (content == null || content.isEmpty()) {
            return null;
        }
        JsonObject media = content.containsKey("application/json") ? content.getJsonObject("application/json")
                : content.getJsonObject(content.keySet().iterator().next());
        return media.getJsonObject("schema");
    }

    private static JsonObject resolve(JsonObject document, JsonObject schema) {
        for (int depth = 0; schema != null && schema.containsKey("$ref") && depth < 8; depth++) {
            String name = schema.getString("$ref").substring("#/components/schemas/".length());
            schema = document.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
        }
        return schema;
    }

    /** The schema has a property for each component of the record, and so on down every nested record (or list of them). */
    private static void checkSchema(JsonObject document, JsonObject schema, Class<?> record, String where, List<String> problems) {
        checkSchema(document, schema, record, where, problems, new LinkedHashSet<>());
    }

    private static void checkSchema(JsonObject document, JsonObject schema, Class<?> record, String where, List<String> problems,
                                    Set<Class<?>> seen) {
        assertNotNull(record);
        assertTrue(record.isRecord(), where + ": " + record + " is not a record");
        JsonObject resolved = resolve(document, schema);
        JsonObject properties = resolved == null ? null : resolved.getJsonObject("properties");
        if (properties == null) {
            problems.add(where + ": no schema with properties for " + record.getSimpleName());
            return;
        }
        if (!seen.add(record)) {
            return;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            JsonObject property = properties.getJsonObject(component.getName());
            if (property == null) {
                problems.add(where + ": " + record.getSimpleName() + "." + component.getName() + " is missing");
                continue;
            }
            Class<?> nested = nestedRecord(component.getGenericType());
            if (nested != null) {
                JsonObject items = resolve(document, property);
                checkSchema(document, component.getType() == List.class && items != null ? items.getJsonObject("items") : property, nested,
                        where + " ." + component.getName(), problems, seen);
            }
        }
        assertFalse(properties.isEmpty());
    }

    private static Class<?> nestedRecord(Type type) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class
                && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            return element;
        }
        return null;
    }
}
