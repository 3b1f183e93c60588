package org.forewarn.app;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The production runtime: PostgreSQL (spring.datasource.*), a MongoDB replica set, a Camunda 8
 * cluster (camunda.client.*), all from configuration.
 */
@Configuration(proxyBeanMethods = false)
@Profile("cluster")
public class ClusterRuntime {

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(@Value("${forewarn.mongo.uri}") String uri) {
        return MongoClients.create(uri);
    }

    /** MongoDB keeps what it acknowledged: the projections write like everything else. */
    @Bean
    ProjectionWrites projectionWrites(MongoDatabase readModels) {
        return ProjectionWrites.direct(readModels);
    }

    @Bean
    PersonIdKey personIdKey(@Value("${forewarn.person-id-key:}") String base64) {
        return PersonIdKey.fromBase64(base64);
    }
}
