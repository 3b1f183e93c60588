package org.forewarn.adapters.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.script.api.CallScriptEdited;

/**
 * The current call script of each category ({@code call_scripts}, keyed by the category): the
 * text of its latest version, the version, who wrote it and when. A script's events arrive in
 * order, so the last one written is the latest; a replay writes the same documents. Categories
 * never edited have no document: their text is the configured default.
 */
@ProcessingGroup(CallScriptProjection.PROCESSING_GROUP)
public class CallScriptProjection {

    public static final String PROCESSING_GROUP = "call-script-projection";
    static final String SCRIPTS = "call_scripts";

    private final MongoCollection<Document> scripts;

    public CallScriptProjection(MongoDatabase database) {
        this.scripts = database.getCollection(SCRIPTS);
    }

    @EventHandler
    public void on(CallScriptEdited event, @Timestamp Instant at) {
        scripts.replaceOne(eq("_id", event.category().name()), new Document("_id", event.category().name())
                .append("text", event.text())
                .append("version", event.version())
                .append("editedBy", event.actor())
                .append("editedAt", Date.from(at)), new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        scripts.deleteMany(new Document());
    }

    /** Reads what the projection wrote. */
    public static final class Scripts {

        private final MongoCollection<Document> scripts;

        public Scripts(MongoDatabase database) {
            this.scripts = database.getCollection(SCRIPTS);
        }

        /** The latest version of each category's script that was ever edited. */
        public Map<FraudCategory, EditedScript> all() {
            Map<FraudCategory, EditedScript> found = new LinkedHashMap<>();
            for (Document d : scripts.find()) {
                EditedScript script = script(d);
                found.put(script.category(), script);
            }
            return found;
        }

        public Optional<EditedScript> find(FraudCategory category) {
            return Optional.ofNullable(scripts.find(eq("_id", category.name())).first()).map(Scripts::script);
        }

        private static EditedScript script(Document d) {
            return new EditedScript(FraudCategory.valueOf(d.getString("_id")), d.getString("text"),
                    d.getInteger("version"), d.getString("editedBy"), d.getDate("editedAt").toInstant());
        }
    }

    /** A script's latest version. */
    public record EditedScript(FraudCategory category, String text, int version, String editedBy, Instant editedAt) {
    }
}
