package org.forewarn.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.forewarn.adapters.eventstore.EventStoreDialect;
import org.forewarn.adapters.eventstore.JdbcEventStore;
import org.forewarn.adapters.eventstore.PersonalDataKeys;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The event store (Axon's JDBC storage engine on PostgreSQL or H2, payloads as JSON text, personal
 * data sealed with per-person keys kept beside the events), the processors' token store beside it,
 * and the MongoDB database of the read models.
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    /** The mapper of the web API, as Spring Boot would build it (declaring Axon's below hides Boot's). */
    @Bean
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.createXmlMapper(false).build();
    }

    /** Axon's serializers use this mapper, kept apart from the web's so API settings never change stored events. */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return JdbcEventStore.objectMapper();
    }

    @Bean
    EventStoreDialect eventStoreDialect(DataSource dataSource) {
        return EventStoreDialect.of(dataSource);
    }

    /** New keys on connections of their own pool; reads and destruction in the current transaction. */
    @Bean
    PersonalDataKeys personalDataKeys(KeyCreationPool keyCreation, ConnectionProvider connectionProvider) {
        return new PersonalDataKeys(keyCreation.dataSource(), connectionProvider);
    }

    /**
     * The connections new personal-data keys are inserted on, apart from the application's pool.
     * A key is created while the event that needs it is being appended, by a thread that holds a
     * connection of the main pool for its transaction. Were the key's connection taken from the
     * same pool, a burst of first clues for new persons (as many as the pool has connections)
     * would leave every connection held by a writer waiting for a second one: nothing would move
     * until the pool's timeout failed them all. Connections of this pool are held for one insert
     * and one select, and their holders wait for nothing else, so they are always given back.
     */
    @Bean(destroyMethod = "close")
    KeyCreationPool keyCreationPool(DataSourceProperties properties) {
        HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("personal-data-keys");
        pool.setMaximumPoolSize(2);
        pool.setMinimumIdle(0);
        return new KeyCreationPool(pool);
    }

    /** Not a {@link DataSource} bean, so that Spring Boot still makes the application's own pool. */
    record KeyCreationPool(HikariDataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            dataSource.close();
        }
    }

    /**
     * Takes the place of the event serializer Axon's autoconfiguration would make (the general
     * Jackson one), so that the storage engine, the processors and every reader of the store seal
     * and open personal data. Snapshots, tokens and messages keep the general serializer.
     */
    @Bean("eventSerializer")
    @Qualifier("eventSerializer")
    Serializer eventSerializer(PersonalDataKeys keys, RevisionResolver revisionResolver) {
        return JdbcEventStore.eventSerializer(keys, revisionResolver);
    }

    @Bean
    JdbcEventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                              @Qualifier("eventSerializer") Serializer eventSerializer,
                                              org.axonframework.config.Configuration configuration,
                                              ConnectionProvider connectionProvider,
                                              TransactionManager transactionManager) {
        return JdbcEventStore.engine(connectionProvider, transactionManager, defaultSerializer, eventSerializer,
                configuration.upcasterChain());
    }

    @Bean
    JdbcTokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcEventStore.tokenStore(connectionProvider, serializer);
    }

    /** Creates missing tables before anything reads or writes events (processors start later, in Axon's phase). */
    @Bean
    SmartInitializingSingleton eventStoreSchema(JdbcEventStorageEngine engine, JdbcTokenStore tokens,
                                                PersonalDataKeys keys, EventStoreDialect dialect,
                                                TransactionManager transactions,
                                                @Value("${forewarn.eventstore.create-schema:true}") boolean create) {
        return () -> {
            if (create) {
                JdbcEventStore.createSchema(engine, tokens, keys, dialect, transactions);
            }
        };
    }

    @Bean
    MongoDatabase readModels(MongoClient client, @Value("${forewarn.mongo.database}") String database) {
        return client.getDatabase(database);
    }
}
