package org.casefile.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Tests that write run on their own database (made by PostgresResource), seeded the same way. */
public class EditingProfile implements QuarkusTestProfile {

    public static final String ADMIN_PASSWORD = "test-admin-password-for-casefile";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.jdbc.url", "${casefile.test.editing-jdbc-url}",
                "casefile.admin.password", ADMIN_PASSWORD,
                // The background builder of person documents runs here as in use (KeptDocumentsTest).
                "casefile.person-documents.build", "true");
    }
}
