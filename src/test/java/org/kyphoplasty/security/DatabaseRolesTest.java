package org.kyphoplasty.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.DatabaseProxy;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The service's database role (not the owner that runs the migrations) cannot remove or change an
 * audit entry by any statement: the privileges refuse it before the append-only triggers would.
 */
@QuarkusTest
class DatabaseRolesTest {

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    private static Connection asService() throws SQLException {
        return DatabaseProxy.connectAs(config("quarkus.datasource.username"), config("quarkus.datasource.password"));
    }

    private static long auditRows(Statement statement, String patient) throws SQLException {
        try (ResultSet result = statement.executeQuery(
                "select count(*) from audit_entry where entity_id = '" + patient + "' and user_name = 'clin-DBR'")) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void theServiceRunsAsARoleOtherThanTheOwnerOfTheTables() throws SQLException {
        String service = config("quarkus.datasource.username");
        assertNotEquals(config("quarkus.flyway.username"), service);
        try (Connection connection = asService(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select r.rolsuper, pg_get_userbyid(c.relowner) "
                        + "from pg_roles r, pg_class c where r.rolname = current_user and c.oid = 'audit_entry'::regclass")) {
            result.next();
            assertEquals(false, result.getBoolean(1), "the service's role must not be a superuser");
            assertEquals(config("quarkus.flyway.username"), result.getString(2));
        }
    }

    @Test
    void theServiceRoleCannotRemoveOrChangeAnAuditEntryByAnyStatement() throws SQLException {
        String patient = Api.patient(Tokens.clinician("DBR"), "DBR");
        List<String> attempts = List.of(
                "delete from audit_entry where entity_id = '" + patient + "'",
                "update audit_entry set user_name = 'someone else' where entity_id = '" + patient + "'",
                "truncate audit_entry",
                "alter table audit_entry disable trigger audit_entry_append_only",
                "alter table audit_entry disable trigger all",
                "drop trigger audit_entry_append_only on audit_entry",
                "drop table audit_entry",
                "drop table audit_entry cascade",
                "alter table audit_entry rename to audit_entry_old",
                "alter table audit_entry owner to current_user",
                "create or replace function refuse_audit_change() returns trigger language plpgsql as "
                        + "$$ begin return new; end $$",
                "drop function refuse_audit_change() cascade",
                "set session_replication_role = replica",
                "create table audit_copy as select * from audit_entry");
        try (Connection connection = asService(); Statement statement = connection.createStatement()) {
            assertEquals(1, auditRows(statement, patient));
            for (String sql : attempts) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(sql), sql);
                assertEquals("42501", refused.getSQLState(), sql + ": " + refused.getMessage());
                assertTrue(!refused.getMessage().contains("append-only"),
                        sql + " was refused by the trigger, not by the role's privileges: " + refused.getMessage());
            }
            assertEquals(1, auditRows(statement, patient), "the audit entry is still there");
            try (ResultSet result = statement.executeQuery("select tgenabled from pg_trigger "
                    + "where tgname = 'audit_entry_append_only'")) {
                result.next();
                assertEquals("O", result.getString(1), "the trigger is still enabled");
            }
            // what the service needs still works: read, and append
            statement.execute("insert into audit_entry (at, user_name, action, entity_type, entity_id) "
                    + "values (now(), 'clin-DBR', 'CREATE', 'PATIENT', '" + patient + "')");
            assertEquals(2, auditRows(statement, patient));
        }
    }
}
