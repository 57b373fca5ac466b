package org.casefile.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the test PostgreSQL for every @QuarkusTest in the suite. */
@QuarkusTestResource(PostgresResource.class)
public class CasefileTestResources {
}
