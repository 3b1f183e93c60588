package org.forewarn.app;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.forewarn.adapters.web.ApiSecurity;
import org.forewarn.bpmn.InProcessZeebe;
import org.h2.mvstore.MVStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The one-command runtime: everything in this process, state under the data directory. The
 * event store is H2 (configured in application-embedded.yml, written through on every commit),
 * the read models live in an in-process MongoDB-wire server with an H2 file behind it (written
 * through on every command, {@link DurableH2Backend}), the Zeebe engine runs in memory
 * (open cases' processes are re-opened from the event store at start; its log is trimmed to a
 * bounded number of entries), and messages go to the outbox. Every server binds 127.0.0.1 only.
 */
@Configuration(proxyBeanMethods = false)
@Profile("embedded")
public class EmbeddedRuntime {

    public static final String ZEEBE_BEAN = "inProcessZeebe";

    @Bean(name = ZEEBE_BEAN, destroyMethod = "close")
    InProcessZeebe inProcessZeebe(@Value("${forewarn.embedded.zeebe-port}") int port,
                                  @Value("${forewarn.embedded.engine-log-retained-entries}") int retainedLogEntries) {
        return InProcessZeebe.start(port, retainedLogEntries);
    }

    /** Closed by the server's shutdown, not as a bean of its own. */
    @Bean(destroyMethod = "")
    DurableH2Backend readModelBackend(DataDirectory data) {
        return new DurableH2Backend(data.file("readmodels.mv").toString());
    }

    @Bean(destroyMethod = "shutdownNow")
    MongoServer embeddedMongoServer(DurableH2Backend backend) {
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        return server;
    }

    /**
     * Depends on the data source and the read-model server, so it stops before either closes
     * its store. An event store on PostgreSQL is not H2's and is left out.
     */
    @Bean(destroyMethod = "close")
    EmbeddedStoreCompaction embeddedStoreCompaction(
            DataSource eventStore, MongoServer readModelServer, DurableH2Backend readModels,
            @Value("${forewarn.embedded.store-compaction.interval}") Duration interval,
            @Value("${forewarn.embedded.store-compaction.target-fill-rate}") int targetFillRate,
            @Value("${forewarn.embedded.store-compaction.live-bytes-per-pass}") int liveBytesPerPass) {
        return new EmbeddedStoreCompaction(h2Files(eventStore, readModels), targetFillRate, liveBytesPerPass)
                .start(interval);
    }

    /**
     * Depends on the data source and the read-model server, so it stops before either closes its
     * store. An event store on PostgreSQL is not H2's and is left out.
     */
    @Bean(destroyMethod = "close")
    StoreSync embeddedStoreSync(
            DataSource eventStore, MongoServer readModelServer, DurableH2Backend readModels,
            @Value("${forewarn.embedded.store-sync.retention}") Duration retention,
            @Value("${forewarn.embedded.store-sync.interval}") Duration interval) {
        return new StoreSync(h2Files(eventStore, readModels), retention, interval).start();
    }

    /** The embedded H2 stores by name: the event store's, unless it is PostgreSQL, and the read models'. */
    private static Map<String, MVStore> h2Files(DataSource eventStore, DurableH2Backend readModels) {
        Map<String, MVStore> stores = new LinkedHashMap<>();
        EmbeddedStoreCompaction.storeOf(eventStore).ifPresent(store -> stores.put("eventstore", store));
        stores.put("readmodels", readModels.store());
        return stores;
    }

    /** The projections' own client, whose writes the server commits once per event (DurableH2Backend). */
    @Bean(destroyMethod = "close")
    ProjectionWrites projectionWrites(MongoServer server, @Value("${forewarn.mongo.database}") String database) {
        return ProjectionWrites.deferred(server.getLocalAddress(), database);
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(MongoServer server) {
        return MongoClients.create(clientSettings(server.getLocalAddress()).build());
    }

    /** A client of the in-process read-model server (which has no retryable writes). */
    static MongoClientSettings.Builder clientSettings(InetSocketAddress server) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(
                        "mongodb://127.0.0.1:" + server.getPort() + "/?retryWrites=false"));
    }

    @Bean
    DataDirectory dataDirectory(@Value("${forewarn.data-dir}") Path dir) {
        return new DataDirectory(dir);
    }

    @Bean
    PersonIdKey personIdKey(DataDirectory data) {
        return PersonIdKey.fromFile(data.file("keys/person-id.key"));
    }

    /**
     * The demo users of DESIGN.md, password {@code demo}; the server listens on loopback only.
     * Only the lookup is exposed, not the in-memory manager itself: Spring Security would
     * otherwise "upgrade" each user's password to BCrypt at its first login, and from then on
     * every HTTP Basic request would cost a BCrypt check (tens of milliseconds of CPU), which
     * capped a two-core machine at a few dozen requests a second. The password is public, so
     * hashing it protects nothing.
     */
    @Bean
    UserDetailsService demoUsers() {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
                user("operator", ApiSecurity.OPERATOR),
                user("supervisor", ApiSecurity.SUPERVISOR),
                user("supervisor2", ApiSecurity.SUPERVISOR),
                user("auditor", ApiSecurity.AUDITOR),
                user("intake", ApiSecurity.INTAKE));
        return users::loadUserByUsername;
    }

    private static org.springframework.security.core.userdetails.UserDetails user(String name, String role) {
        return User.withUsername(name).password("{noop}demo").roles(role).build();
    }

    /** The embedded runtime's state directory. */
    public record DataDirectory(Path dir) {
        public DataDirectory {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + dir, e);
            }
        }

        Path file(String name) {
            Path file = dir.resolve(name);
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }
    }
}
