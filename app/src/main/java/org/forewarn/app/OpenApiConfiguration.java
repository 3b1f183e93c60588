package org.forewarn.app;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.Rung;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the whole HTTP API ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}; both for any signed-in user). springdoc reads the controllers; this
 * adds what it cannot see: who may make each call ({@code x-roles} and a line of the description,
 * as {@code ApiSecurity} enforces it and {@code AccessTest} checks against the document) and the
 * problem documents each call may answer. An operation under {@code /api/v1} missing from
 * {@link #ROLES} stops the document with an error, so a new endpoint cannot go undescribed.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String ROLES_EXTENSION = "x-roles";
    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final List<String> SHIFT = List.of("OPERATOR", "SUPERVISOR");
    private static final List<String> READERS = List.of("OPERATOR", "SUPERVISOR", "AUDITOR");
    private static final List<String> OPERATOR = List.of("OPERATOR");
    private static final List<String> SUPERVISOR = List.of("SUPERVISOR");
    /** A provider that signs its reports (Twilio): no user credentials. */
    private static final List<String> SIGNED = List.of("TWILIO_SIGNATURE");

    /** Who may make each call: {@code METHOD path} as springdoc writes the path. */
    static final Map<String, List<String>> ROLES = roles(
            "POST /api/v1/clues", List.of("INTAKE"),
            "GET /api/v1/cases", SHIFT,
            "GET /api/v1/cases/stream", SHIFT,
            "GET /api/v1/cases/{caseId}", READERS,
            "GET /api/v1/cases/{caseId}/history", READERS,
            "POST /api/v1/cases/{caseId}/claim", OPERATOR,
            "POST /api/v1/cases/{caseId}/claim/release", OPERATOR,
            "POST /api/v1/shift-handover", OPERATOR,
            "POST /api/v1/cases/{caseId}/assignment", SUPERVISOR,
            "POST /api/v1/cases/{caseId}/number-reveal", SHIFT,
            "POST /api/v1/cases/{caseId}/notes", SHIFT,
            "POST /api/v1/cases/{caseId}/call-outcomes", OPERATOR,
            "POST /api/v1/cases/{caseId}/resolution", OPERATOR,
            "POST /api/v1/cases/{caseId}/skip", SHIFT,
            "POST /api/v1/cases/{caseId}/countermeasures", OPERATOR,
            "POST /api/v1/cases/{caseId}/countermeasures/{countermeasureId}/decision", SUPERVISOR,
            "POST /api/v1/cases/{caseId}/countermeasures/{countermeasureId}/lift-request", SUPERVISOR,
            "POST /api/v1/cases/{caseId}/relatives", OPERATOR,
            "POST /api/v1/cases/{caseId}/relatives/{relativeId}/removal", OPERATOR,
            "POST /api/v1/cases/{caseId}/home-visits", OPERATOR,
            "POST /api/v1/cases/{caseId}/home-visits/{visitId}/report", OPERATOR,
            "POST /api/v1/cases/{caseId}/family-contacts", OPERATOR,
            "POST /api/v1/persons/{personId}/erasure", SUPERVISOR,
            "POST /api/v1/admin/process-recovery", SUPERVISOR,
            "GET /api/v1/call-scripts", SHIFT,
            "GET /api/v1/call-scripts/{category}", SHIFT,
            "PUT /api/v1/call-scripts/{category}", SUPERVISOR,
            "POST /api/v1/suspect-numbers:lookup", SHIFT,
            "GET /api/v1/suspect-numbers/{suspectId}", SHIFT,
            "POST /api/v1/suspect-numbers/{suspectId}/appeals", SHIFT,
            "POST /api/v1/suspect-numbers/{suspectId}/dispositions", SUPERVISOR,
            "POST /api/v1/suspect-numbers/{suspectId}/appeals/{appealId}/decision", SUPERVISOR,
            "POST /webhooks/twilio/message-status", SIGNED,
            "POST /webhooks/twilio/call-status", SIGNED,
            "POST /webhooks/twilio/call-gather", SIGNED);

    /** The work queue reads its filters from one map (to refuse unknown ones); here they are one by one. */
    private static final List<Parameter> QUEUE_FILTERS = List.of(
            filter("status", "OPEN (default) or CLOSED", new StringSchema()._enum(List.of("OPEN", "CLOSED"))),
            filter("rung", "the current rung", new StringSchema()._enum(names(Rung.values()))),
            filter("risk", "the risk level", new StringSchema()._enum(names(RiskLevel.values()))),
            filter("category", "the fraud category", new StringSchema()._enum(names(FraudCategory.values()))),
            filter("overdue", "true: the current rung's deadline has passed; false: it has not",
                    new io.swagger.v3.oas.models.media.BooleanSchema()),
            filter("stalled", "true: a step of the case failed for good in the engine and nobody has settled it "
                    + "(the item's stalledSince); false: none has", new io.swagger.v3.oas.models.media.BooleanSchema()),
            filter("claimedBy", "cases with this operator's running claim", new StringSchema().maxLength(128)),
            filter("page", "0 to 10000", new IntegerSchema().minimum(java.math.BigDecimal.ZERO)
                    .maximum(java.math.BigDecimal.valueOf(10_000))),
            filter("size", "1 to 200, default 50", new IntegerSchema().minimum(java.math.BigDecimal.ONE)
                    .maximum(java.math.BigDecimal.valueOf(200))));

    private static Parameter filter(String name, String description, Schema<?> schema) {
        return new Parameter().in("query").name(name).required(false).description(description).schema(schema);
    }

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
    }

    @Bean
    OpenAPI forewarnOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Forewarn HTTP API").version("v1")
                        .description("The anti-fraud warning-and-dissuasion casework API. Every error is an RFC 9457 "
                                + "problem document (application/problem+json). Roles: see x-roles on each "
                                + "operation and docs/api.md."))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("embedded runtime: the demo users"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("cluster runtime: OIDC tokens, roles in the `roles` claim"))
                        .addSchemas("Problem", problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    OpenApiCustomizer rolesAndProblems() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    describe(method.name() + " " + path, path, method, operation)));
        };
    }

    private static void describe(String call, String path, PathItem.HttpMethod method, Operation operation) {
        if (call.equals("GET /api/v1/cases")) {
            operation.setParameters(QUEUE_FILTERS);
        }
        List<String> roles = ROLES.get(call);
        if (roles == null) {
            throw new IllegalStateException(call + " has no roles in OpenApiConfiguration.ROLES");
        }
        operation.addExtension(ROLES_EXTENSION, roles);
        String who = roles == SIGNED ? "Twilio only, signed with X-Twilio-Signature (403 without)"
                : "Roles: " + String.join(", ", roles);
        operation.setDescription(operation.getDescription() == null ? who : operation.getDescription() + "\n\n" + who);
        if (roles == SIGNED) {
            operation.setSecurity(List.of());
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        boolean takesInput = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (takesInput) {
            problem(responses, "400", "invalid input: every field at fault in `errors`");
        }
        if (roles != SIGNED) {
            problem(responses, "401", "no valid credentials");
        }
        problem(responses, "403", roles == SIGNED ? "no valid signature" : "a role that may not make this call");
        if (path.contains("{")) {
            problem(responses, "404", "no such case, person, number, countermeasure, relative, visit or category");
        }
        boolean command = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT;
        if (command && path.startsWith("/api/v1/") && !path.equals("/api/v1/clues")) {
            problem(responses, "409", "the state refuses the command (type …/case-closed on a closed case, "
                    + "…/rule-violation otherwise), the rule in `detail`");
        }
        if (path.endsWith("/number-reveal")) {
            problem(responses, "410", "the person's data was erased: there is no number to reveal "
                    + "(type …/personal-data-erased)");
        }
        if (command) {
            problem(responses, "413", "the body is larger than forewarn.api.max-body-bytes");
        }
        if (path.equals("/api/v1/clues")) {
            problem(responses, "429", "over the client's intake rate; retry after Retry-After seconds");
        }
        problem(responses, "503", "a store cannot be reached; retry after Retry-After seconds");
        operation.setResponses(responses);
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                    .addMediaType("application/problem+json", new MediaType().schema(new Schema<>().$ref(PROBLEM)))));
        }
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        ObjectSchema field = new ObjectSchema();
        field.addProperty("field", new StringSchema());
        field.addProperty("message", new StringSchema());
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem document");
        problem.addProperty("type", new StringSchema().format("uri"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema().format("uri"));
        problem.addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(field));
        return problem;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> roles(Object... pairs) {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            roles.put((String) pairs[i], (List<String>) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(roles);
    }
}
