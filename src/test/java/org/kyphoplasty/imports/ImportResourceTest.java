package org.kyphoplasty.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Csv;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ImportResourceTest {

    private static final LocalDate PERFORMED = LocalDate.now().minusDays(200);

    @Inject
    DataSource dataSource;

    private final String admin = Tokens.admin();

    private ValidatableResponse post(String token, String csv) {
        return given().auth().oauth2(token).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports").then();
    }

    @Test
    void goodFileCreatesEverythingAndItIsVisibleThroughTheApi() {
        String site = Api.uniqueSite();
        String ref = Api.uniqueRef("IMP");
        Csv csv = new Csv().journey(site, ref, PERFORMED, 2, 5).journey(site, Api.uniqueRef("IMP"), PERFORMED, 3, 4);
        post(admin, csv.toString()).statusCode(200)
                .body("rows", equalTo(6))
                .body("patientsCreated", equalTo(2))
                .body("proceduresCreated", equalTo(2))
                .body("assessmentsCreated", equalTo(6))
                .body("assessmentsReplaced", equalTo(0));
        String patient = Api.as(admin).queryParam("externalRef", ref).get("/api/v1/patients").then()
                .body("total", equalTo(1)).extract().path("items[0].id");
        String procedure = Api.as(admin).get("/api/v1/patients/" + patient).then()
                .body("procedures[0].type", equalTo("KYPHOPLASTY")).extract().path("procedures[0].id");
        Api.as(admin).get("/api/v1/procedures/" + procedure + "/assessments/MONTH_3").then().statusCode(200)
                .body("painNrs", equalTo(2)).body("withinWindow", equalTo(true)).body("eq5dIndex", equalTo(0.75f));
        Api.as(admin).get("/api/v1/procedures/" + procedure).then().body("levels", equalTo(java.util.List.of("T12", "L1")));
        Api.as(admin).queryParam("entityId", patient).get("/api/v1/audit").then()
                .body("total", equalTo(1)).body("items[0].action", equalTo("IMPORT"));
    }

    @Test
    void aRecordLongerThanTheLimitIsRefusedWithoutReadingTheRestOfTheFile() {
        // an unterminated quote would otherwise make the parser collect the whole file into one value
        // (a 300 MB file ended in an OutOfMemoryError)
        String file = Csv.HEADER + "\n\"" + "z".repeat(3_000_000);
        // the first cell is over the cell limit long before the row limit: it is named
        post(admin, file).statusCode(400)
                .body("errors[0].field", equalTo("site"))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].message", containsString("longer than"));
    }

    @Test
    void importingTheSameFileTwiceChangesNothing() throws SQLException {
        String site = Api.uniqueSite();
        Csv csv = new Csv().journey(site, Api.uniqueRef("IDM"), PERFORMED, 2, 5);
        post(admin, csv.toString()).statusCode(200).body("assessmentsCreated", equalTo(3));
        long audit = count("select count(*) from audit_entry");
        post(admin, csv.toString()).statusCode(200)
                .body("patientsCreated", equalTo(0))
                .body("proceduresCreated", equalTo(0))
                .body("assessmentsCreated", equalTo(0))
                .body("assessmentsReplaced", equalTo(0))
                .body("assessmentsUnchanged", equalTo(3));
        assertEquals(3, count("select count(*) from assessment a join procedure p on p.id = a.procedure_id "
                + "where p.site = '" + site + "' and a.version = 1"));
        assertEquals(audit, count("select count(*) from audit_entry"), "nothing changed, nothing audited");
    }

    @Test
    void aChangedRowReplacesTheStoredAssessmentWithAnAuditEntry() throws SQLException {
        String site = Api.uniqueSite();
        String ref = Api.uniqueRef("RPL");
        post(admin, new Csv().journey(site, ref, PERFORMED, 2, 5).toString()).statusCode(200);
        post(admin, new Csv().journey(site, ref, PERFORMED, 1, 5).toString()).statusCode(200)
                .body("assessmentsReplaced", equalTo(1))
                .body("assessmentsUnchanged", equalTo(2));
        assertEquals(1, count("select count(*) from assessment a join procedure p on p.id = a.procedure_id "
                + "where p.site = '" + site + "' and a.timepoint = 'MONTH_3' and a.pain_nrs = 1 and a.version = 2"));
        assertEquals(1, count("select count(*) from audit_entry e join assessment a on a.id = e.entity_id "
                + "join procedure p on p.id = a.procedure_id where p.site = '" + site + "' and e.action = 'IMPORT' "
                + "and e.before ->> 'painNrs' = '2' and e.after ->> 'painNrs' = '1'"));
    }

    @Test
    void oneBadRowAmongManyFailsTheWholeFileNamingItsLineAndWritesNothing() throws SQLException {
        String site = Api.uniqueSite();
        Csv csv = new Csv();
        for (int i = 0; i < 20; i++) {
            csv.journey(site, Api.uniqueRef("BAD"), PERFORMED, 2, 5);
        }
        // line 1 is the header; line 27 is the BASELINE row of the ninth journey
        String[] lines = csv.toString().split("\n");
        lines[26] = lines[26].replace(",8,2,60,", ",11,2,60,");
        long patients = count("select count(*) from patient");
        long assessments = count("select count(*) from assessment");
        long audit = count("select count(*) from audit_entry");
        post(admin, String.join("\n", lines) + "\n").statusCode(400)
                .contentType("application/problem+json")
                .body("errors.size()", equalTo(1))
                .body("errors[0].line", equalTo(27))
                .body("errors[0].field", equalTo("painNrs"));
        assertEquals(patients, count("select count(*) from patient"));
        assertEquals(assessments, count("select count(*) from assessment"));
        assertEquals(audit, count("select count(*) from audit_entry"));
    }

    @Test
    void everyBadRowIsListedWithItsLineAndField() {
        String site = Api.uniqueSite();
        Csv csv = new Csv().journey(site, Api.uniqueRef("E"), PERFORMED, 2, 5)
                .row(site, "E-2", 1950, "F", "KYPHOPLASTY", PERFORMED, "OSTEOPOROSIS", "L1", "MONTH_3",
                        PERFORMED.plusDays(90), "2", "", "", "", "")
                .row(site, "E-3", 1950, "MALE", "KYPHOPLASTY", PERFORMED, "OSTEOPOROSIS", "L9", "MONTH_3",
                        PERFORMED.plusDays(90), "two", "", "", "", "")
                .row(site, "E-4", 1950, "MALE", "KYPHOPLASTY", PERFORMED, "OSTEOPOROSIS", "L1", "BASELINE",
                        PERFORMED.plusDays(3), "2", "", "", "", "")
                .row(site, "E-5", 1950, "MALE", "KYPHOPLASTY", PERFORMED, "OSTEOPOROSIS", "L1", "MONTH_3",
                        PERFORMED.plusDays(90), "", "", "", "", "");
        post(admin, csv.toString()).statusCode(400)
                .body("errors.find { it.line == 5 }.field", equalTo("sex"))
                .body("errors.findAll { it.line == 6 }.field", hasItem("levels"))
                .body("errors.findAll { it.line == 6 }.field", hasItem("painNrs"))
                .body("errors.find { it.line == 7 }.field", equalTo("assessedOn"))
                .body("errors.find { it.line == 8 }.field", equalTo("scores"));
    }

    @Test
    void lineNumbersCountBlankLinesAsTheyAreInTheFile() {
        String site = Api.uniqueSite();
        String good = new Csv().journey(site, Api.uniqueRef("BL"), PERFORMED, 2, 5).toString();
        String[] lines = good.split("\n");
        // header, row, blank, row, blank, blank, bad row: the bad row is line 7 of the file
        String file = lines[0] + "\n" + lines[1] + "\n\n" + lines[2] + "\n\n\n" + lines[3].replace(",25,", ",101,") + "\n";
        post(admin, file).statusCode(400).body("errors[0].line", equalTo(7)).body("errors[0].field", equalTo("odi"));
        post(admin, lines[0] + "\n" + lines[1] + "\n\n" + lines[2] + "\n").statusCode(200).body("rows", equalTo(2));
    }

    @Test
    void anAssessmentDatedBefore1900IsRejectedNotA500() {
        String site = Api.uniqueSite();
        Csv csv = new Csv().row(site, Api.uniqueRef("OLD"), 1950, "FEMALE", "KYPHOPLASTY", PERFORMED, "OSTEOPOROSIS",
                "L1", "PRE_FRACTURE", LocalDate.of(1, 6, 1), "", "5", "", "", "");
        post(admin, csv.toString()).statusCode(400).body("errors[0].field", equalTo("assessedOn"));
    }

    @Test
    void theSameTimePointTwiceInTheFileIsRejected() {
        String site = Api.uniqueSite();
        Csv csv = new Csv().journey(site, "DUP-1", PERFORMED, 2, 5).journey(site, "DUP-1", PERFORMED, 2, 5);
        post(admin, csv.toString()).statusCode(400).body("errors[0].line", equalTo(5))
                .body("errors[0].field", equalTo("timepoint"));
    }

    @Test
    void aPatientDescribedDifferentlyFromTheStoredOneIsRejected() {
        String site = Api.uniqueSite();
        String ref = Api.uniqueRef("CON");
        post(admin, new Csv().journey(site, ref, PERFORMED, 2, 5).toString()).statusCode(200);
        String changed = new Csv().journey(site, ref, PERFORMED, 2, 5).toString().replace(",1950,", ",1951,");
        post(admin, changed).statusCode(400).body("errors[0].field", equalTo("birthYear"))
                .body("errors[0].message", containsString("stored patient"));
    }

    @Test
    void emptyFileIsRejected() {
        post(admin, "").statusCode(400).body("errors[0].field", equalTo("file"));
    }

    @Test
    void headerWithoutRowsIsRejected() {
        post(admin, Csv.HEADER + "\n").statusCode(400).body("errors[0].field", equalTo("file"));
    }

    @Test
    void wrongHeaderIsRejected() {
        post(admin, "site,ref,year\nORL,1,1950\n").statusCode(400)
                .body("errors[0].line", equalTo(1)).body("errors[0].field", equalTo("header"));
    }

    @Test
    void semicolonSeparatedFileIsRejectedWithTheReason() {
        post(admin, Csv.HEADER.replace(',', ';') + "\n").statusCode(400)
                .body("errors[0].field", equalTo("header"))
                .body("errors[0].message", containsString("semicolons"));
    }

    @Test
    void rowWithTooFewColumnsIsRejected() {
        post(admin, Csv.HEADER + "\nORL,X-1,1950\n").statusCode(400)
                .body("errors[0].line", equalTo(2)).body("errors[0].field", equalTo("row"));
    }

    @Test
    void fileThatIsNotUtf8IsRejected() {
        String site = Api.uniqueSite();
        String csv = new Csv().journey(site, "LATIN-é", PERFORMED, 2, 5).toString();
        given().auth().oauth2(admin).contentType("text/csv").body(csv.getBytes(StandardCharsets.ISO_8859_1))
                .post("/api/v1/imports").then().statusCode(400)
                .body("errors[0].field", equalTo("file"))
                .body("errors[0].message", containsString("UTF-8"));
    }

    @Test
    void byteOrderMarkOfExcelIsAccepted() {
        String site = Api.uniqueSite();
        post(admin, "\uFEFF" + new Csv().journey(site, Api.uniqueRef("BOM"), PERFORMED, 2, 5)).statusCode(200);
    }

    @Test
    void jsonBodyIs415() {
        Api.as(admin).body("{}").post("/api/v1/imports").then().statusCode(415);
    }

    @Test
    void clinicianMayImportOnlyTheirOwnSites() {
        String site = Api.uniqueSite();
        Csv csv = new Csv().journey(site, Api.uniqueRef("SCP"), PERFORMED, 2, 5);
        post(Tokens.clinician("ORL"), csv.toString()).statusCode(400).body("errors[0].field", equalTo("site"));
        post(Tokens.clinician(site), csv.toString()).statusCode(200);
        post(Tokens.analyst(), csv.toString()).statusCode(403);
        given().contentType("text/csv").body(csv.toString()).post("/api/v1/imports").then().statusCode(401);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
