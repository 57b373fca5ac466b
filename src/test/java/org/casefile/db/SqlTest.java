package org.casefile.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How a statement's named parameters become JDBC's, and what is left alone. */
class SqlTest {

    @Test
    void namedParametersBecomePlaceholdersEveryTimeTheyOccur() {
        Sql sql = Sql.of("select * from person p where p.id = :id or p.merged_into = :id and p.name > :name_from");
        assertEquals("select * from person p where p.id = ? or p.merged_into = ? and p.name > ?", sql.jdbc());
        assertEquals("select * from person p where p.id = :id or p.merged_into = :id and p.name > :name_from", sql.text());
    }

    @Test
    void castsLiteralsQuotedNamesAndCommentsAreLeftAlone() {
        Sql sql = Sql.of("""
                select cast(:day as date), x::text, 'it''s :not a parameter', "odd "":name", a[1:2] -- :nor this
                from t where d = :day::date""");
        assertEquals("""
                select cast(? as date), x::text, 'it''s :not a parameter', "odd "":name", a[1:2] -- :nor this
                from t where d = ?::date""", sql.jdbc());
    }

    @Test
    void bindingAParameterTheStatementDoesNotHaveIsRefused() {
        Sql sql = Sql.of("select 1 where :a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sql.on(null).bind("b", 1));
        assertTrue(e.getMessage().contains(":b"), e.getMessage());
    }
}
