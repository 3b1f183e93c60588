package org.forewarn.adapters.web;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.adapters.mongo.CallScriptProjection.EditedScript;
import org.forewarn.adapters.mongo.CallScriptProjection.Scripts;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.script.CallScript;
import org.forewarn.domain.script.api.EditCallScript;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' call scripts, one per fraud category: read by the shift, written by
 * supervisors. A category never edited reads its configured default as version 0; every edit is
 * a {@code CallScriptEdited} event, and the current text is served from its read model.
 */
@RestController
public class CallScriptController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final CommandGateway commands;
    private final Scripts scripts;
    private final Defaults defaults;

    public CallScriptController(CommandGateway commands, Scripts scripts, Defaults defaults) {
        this.commands = commands;
        this.scripts = scripts;
        this.defaults = defaults;
    }

    @GetMapping(path = "/api/v1/call-scripts", produces = JSON)
    public List<ScriptView> all() {
        Map<FraudCategory, EditedScript> edited = scripts.all();
        List<ScriptView> all = new ArrayList<>();
        for (FraudCategory category : FraudCategory.values()) {
            all.add(view(category, Optional.ofNullable(edited.get(category))));
        }
        return all;
    }

    @GetMapping(path = "/api/v1/call-scripts/{category}", produces = JSON)
    public ScriptView one(@PathVariable String category) {
        FraudCategory c = category(category);
        return view(c, scripts.find(c));
    }

    /** Answers the version written (or, for the current text again, the version it already is). */
    @PutMapping(path = "/api/v1/call-scripts/{category}", consumes = JSON, produces = JSON)
    public ScriptView edit(@PathVariable String category, @RequestBody(required = false) ScriptRequest body,
                           @RequestHeader(name = "Idempotency-Key", required = false) String key, Principal user) {
        FraudCategory c = category(category);
        Fields f = Fields.of(body, "the script's text");
        String text = f.read(() -> Fields.required("text", body.text()));
        f.done();
        String requestId = Casework.requestId(key, CallScript.idOf(c), "call-script");
        int version = commands.sendAndWait(new EditCallScript(CallScript.idOf(c), c, requestId, text, user.getName()));
        Optional<EditedScript> projected = scripts.find(c).filter(s -> s.version() == version);
        return projected.map(s -> view(c, Optional.of(s)))
                        .orElseGet(() -> new ScriptView(c.name(), text.strip(), version, user.getName(), null, false));
    }

    private ScriptView view(FraudCategory category, Optional<EditedScript> edited) {
        return edited.map(s -> new ScriptView(category.name(), s.text(), s.version(), s.editedBy(), s.editedAt(), false))
                     .orElseGet(() -> new ScriptView(category.name(), defaults.apply(category), 0, null, null, true));
    }

    private static FraudCategory category(String code) {
        for (FraudCategory c : FraudCategory.values()) {
            if (c.name().equals(code)) {
                return c;
            }
        }
        throw new SuspectController.NotFound("no call script for category "
                + (code.length() > 40 ? code.substring(0, 40) + "…" : code) + "; the categories are "
                + java.util.Arrays.toString(FraudCategory.values()));
    }

    /** The configured text of each category ({@code forewarn.texts.call-script.<CATEGORY>}). */
    @FunctionalInterface
    public interface Defaults {
        String apply(FraudCategory category);
    }

    /** {@code PUT /call-scripts/{category}}. */
    public record ScriptRequest(String text) {
    }

    /**
     * A category's script as the console shows it: {@code version} 0 and {@code isDefault} for the
     * configured text never edited; {@code editedAt} null until the edit is projected.
     */
    public record ScriptView(String category, String text, int version, String editedBy, Instant editedAt,
                             boolean isDefault) {
    }
}
