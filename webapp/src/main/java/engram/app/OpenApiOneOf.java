package engram.app;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import engram.run.boundary.RunsResource;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/**
 * Writes the {@code oneOf} of an {@code @APIResponse}'s schema into /openapi (mp.openapi.filter in
 * META-INF/microprofile-config.properties): Payara's annotation reader keeps a {@code oneOf} only of classes that
 * implement the OpenAPI model's {@code Schema}, so a 409 whose bodies differ by code would reach the document with no
 * schema. Each listed record becomes a reference to its component schema (the records carry {@code @Schema}). It also
 * drops the zero maximums that Payara writes for limits a {@code @Schema} leaves unset.
 */
public class OpenApiOneOf implements OASFilter {

    /** The resources whose responses list bodies with oneOf. */
    static final List<Class<?>> RESOURCES = List.of(RunsResource.class);

    @Override
    public void filterOpenAPI(OpenAPI document) {
        if (document.getComponents() != null && document.getComponents().getSchemas() != null) {
            document.getComponents().getSchemas().values().forEach(OpenApiOneOf::withoutEmptyLimits);
        }
        if (document.getPaths() == null) {
            return;
        }
        for (Class<?> resource : RESOURCES) {
            String root = "/api/" + resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                PathItem.HttpMethod verb = verb(method);
                Path sub = method.getAnnotation(Path.class);
                PathItem item = verb == null ? null : document.getPaths().getPathItem(root + (sub == null ? "" : "/" + sub.value()));
                Operation operation = item == null ? null : item.getOperations().get(verb);
                if (operation == null || operation.getResponses() == null) {
                    continue;
                }
                for (org.eclipse.microprofile.openapi.annotations.responses.APIResponse declared
                        : method.getAnnotationsByType(org.eclipse.microprofile.openapi.annotations.responses.APIResponse.class)) {
                    Class<?>[] bodies = declared.content().length == 0 ? new Class<?>[0] : declared.content()[0].schema().oneOf();
                    APIResponse response = operation.getResponses().getAPIResponse(declared.responseCode());
                    if (bodies.length > 0 && response != null) {
                        Schema oneOf = OASFactory.createSchema().oneOf(Arrays.stream(bodies)
                                .map(body -> OASFactory.createSchema().ref(body.getSimpleName())).toList());
                        Content content = response.getContent() != null ? response.getContent() : OASFactory.createContent();
                        content.addMediaType(MediaType.APPLICATION_JSON, OASFactory.createMediaType().schema(oneOf));
                        response.setContent(content);
                    }
                }
            }
        }
    }

    private static PathItem.HttpMethod verb(Method method) {
        return method.isAnnotationPresent(POST.class) ? PathItem.HttpMethod.POST : method.isAnnotationPresent(PUT.class) ? PathItem.HttpMethod.PUT
                : method.isAnnotationPresent(GET.class) ? PathItem.HttpMethod.GET
                : method.isAnnotationPresent(DELETE.class) ? PathItem.HttpMethod.DELETE : null;
    }

    /**
     * Payara writes the unset limits of a class or field that carries {@code @Schema} as 0 or false: "maxProperties": 0
     * would allow an answer no field at all, "maxLength": 0 and "maxItems": 0 only empty text and lists. Those go (a
     * real limit of 0 is never declared here); the harmless ones (minimums 0, flags false) stay.
     */
    private static void withoutEmptyLimits(Schema schema) {
        if (schema == null) {
            return;
        }
        if (Integer.valueOf(0).equals(schema.getMaxProperties())) {
            schema.setMaxProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMaxLength())) {
            schema.setMaxLength(null);
        }
        if (Integer.valueOf(0).equals(schema.getMaxItems())) {
            schema.setMaxItems(null);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(OpenApiOneOf::withoutEmptyLimits);
        }
    }
}
