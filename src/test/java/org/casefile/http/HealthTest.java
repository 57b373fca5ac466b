package org.casefile.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {

    @Test
    void readinessReportsTheDatabase() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void withoutAReadReplicaReadinessIsAsItWas() {
        // bench/replica.sh checks the read replica's report where one is configured.
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.not(hasItem("read replica")));
    }
}
