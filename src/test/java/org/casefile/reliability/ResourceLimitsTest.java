package org.casefile.reliability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.casefile.http.ExpensiveRequests;
import org.casefile.support.EditingProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Resource limits through the real stack: expensive requests beyond their concurrency limit (1 here) are refused at
 * once with a 503 problem and Retry-After, a whole timeline export holds its permit until its last byte is sent, a
 * draft holds at most so many placeholders, a source text of 10 MB is stored intact, and a body over the limit is a
 * 413 problem whether or not it announces its length.
 */
@QuarkusTest
@TestProfile(LimitsData.Profile.class)
class ResourceLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ExpensiveRequests expensive;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aJudgedCountBeyondTheLimitIsRefusedAtOnceWithRetryAfter() {
        String knownAt = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString();
        try (ExpensiveRequests.Permit held = expensive.enter(ExpensiveRequests.Kind.JUDGED_COUNT)) {
            given().queryParam("asOf", "2020-06-01").queryParam("knownAt", knownAt).get("/api/counts")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("title", equalTo("Busy"))
                    .body("detail", containsString("counts judged from the claims"))
                    .body("limit", equalTo(1))
                    .body("kind", equalTo("judged_count"));
        }
        given().queryParam("asOf", "2020-06-01").queryParam("knownAt", knownAt).get("/api/counts").then().statusCode(200);
        assertEquals(1, expensive.available(ExpensiveRequests.Kind.JUDGED_COUNT), "the request gave its permit back");
    }

    @Test
    void aLargeDraftBeyondTheLimitIsRefusedAtOnceAndASmallOneIsNot() {
        try (ExpensiveRequests.Permit held = expensive.enter(ExpensiveRequests.Kind.LARGE_DRAFT)) {
            draft(ExpensiveRequests.LARGE_DRAFT_PLACEHOLDERS + 1).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("detail", containsString("drafts with more than " + ExpensiveRequests.LARGE_DRAFT_PLACEHOLDERS));
            draft(ExpensiveRequests.LARGE_DRAFT_PLACEHOLDERS).then().statusCode(200);
        }
        draft(ExpensiveRequests.LARGE_DRAFT_PLACEHOLDERS + 1).then().statusCode(200);
    }

    @Test
    void aDraftHoldsAtMostTheLimitOfPlaceholders() {
        draft(51).then().statusCode(422).contentType("application/problem+json")
                .body("title", equalTo("Too many placeholders"))
                .body("detail", containsString("at most 50 placeholders; this template has 51"))
                .body("limit", equalTo(50)).body("found", equalTo(51)).body("parameter", equalTo("template"));
        draft(50).then().statusCode(200);
    }

    /**
     * A client that stops reading a whole export keeps its permit taken (the export cannot finish), so a second whole
     * export is refused while a narrowed one is served; once that client goes, the permit comes back.
     */
    @Test
    void aWholeExportHoldsItsPermitUntilItsAnswerEnds() throws Exception {
        LimitsData.generate();
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            stalled.getOutputStream().write(("GET /api/timeline?format=csv HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            awaitTrue(() -> expensive.available(ExpensiveRequests.Kind.WHOLE_EXPORT) == 0, "the stalled export took the permit");
            Thread.sleep(500);
            assertEquals(0, expensive.available(ExpensiveRequests.Kind.WHOLE_EXPORT), "held while its body cannot be sent");
            given().queryParam("format", "csv").get("/api/timeline").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("detail", containsString("timeline exports not narrowed"));
            given().queryParam("format", "csv").queryParam("person", "limits-7").get("/api/timeline").then().statusCode(200)
                    .body(containsString("Generated Person 7: imprisoned"));
        }
        awaitTrue(() -> expensive.available(ExpensiveRequests.Kind.WHOLE_EXPORT) == 1, "the permit came back when the client went");
        String csv = given().queryParam("format", "csv").get("/api/timeline").then().statusCode(200).extract().asString();
        assertTrue(csv.lines().count() > LimitsData.PEOPLE, "the whole export, every generated claim in it");
        awaitTrue(() -> expensive.available(ExpensiveRequests.Kind.WHOLE_EXPORT) == 1, "and back after a whole export");
    }

    /**
     * 10 MB of UTF-8 (Khmer), sent as JSON that escapes every character beyond ASCII (twice the bytes, as
     * Python's json.dumps writes it by default): stored and read back byte for byte, with its SHA-256.
     */
    @Test
    void aTenMegabyteSourceIsStoredAndReadBackIntact() throws Exception {
        String line = "ព្រះរាជាណាចក្រកម្ពុជា ជាតិ សាសនា ព្រះមហាក្សត្រ\n";
        String text = line.repeat(10 * 1024 * 1024 / line.getBytes(StandardCharsets.UTF_8).length + 1);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("title", "A ten megabyte letter");
        source.put("kind", "letter");
        source.put("date", "2021-03-01");
        source.put("text", text);
        byte[] body = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build().writeValueAsBytes(source);
        assertTrue(utf8.length >= 10 * 1024 * 1024, "at least 10 MB of UTF-8: " + utf8.length);
        assertTrue(body.length > 1.9 * utf8.length && body.length <= maxBodySize.asLongValue(),
                "escaped, the body is about twice that, within the limit: " + body.length);
        String id = given().auth().preemptive().basic("admin", EditingProfile.ADMIN_PASSWORD)
                .contentType("application/json").body(body).post("/api/sources")
                .then().statusCode(201).extract().path("id");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8));
        given().get("/api/sources/" + id).then().statusCode(200).body("sha256", equalTo(sha256));
        assertArrayEquals(utf8, given().get("/api/sources/" + id + "/text").then().statusCode(200).extract().asByteArray());
    }

    @Test
    void aBodyAnnouncedOneByteOverTheLimitIsA413ProblemBeforeItIsSent() throws Exception {
        long limit = maxBodySize.asLongValue();
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /api/sources HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: "
                    + "application/json\r\nContent-Length: " + (limit + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTooLarge(read(socket.getInputStream()), limit, "is " + (limit + 1) + " bytes");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413Problem() throws Exception {
        long limit = maxBodySize.asLongValue();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/drafts HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // Sent while the answer is read: the service answers once the limit is passed, and may close before the end.
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                try {
                    out.write("1\r\n[\r\n".getBytes(StandardCharsets.US_ASCII));
                    for (long sent = 1; sent <= limit; sent += chunk.length) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedByTheService) {
                    // expected once the service has answered
                }
            });
            assertTooLarge(read(socket.getInputStream()), limit, "is longer");
            sending.get();
        }
    }

    /** A chunked body within the limit is read ahead of the resource, which gets it whole. */
    @Test
    void aChunkedBodyWithinTheLimitIsServed() throws Exception {
        byte[] draft = JSON.writeValueAsBytes(Map.of("template", "On {{asOf}}.", "asOf", "2021-03-23"));
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/drafts HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            int half = draft.length / 2;
            for (byte[] chunk : new byte[][] {java.util.Arrays.copyOf(draft, half), java.util.Arrays.copyOfRange(draft, half, draft.length)}) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Map<String, String> response = read(socket.getInputStream());
            assertTrue(response.get(":status").startsWith("HTTP/1.1 200"), response.toString());
            assertEquals("On 23 March 2021.", JSON.readTree(response.get(":body")).get("text").asText());
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        return socket;
    }

    private void assertTooLarge(Map<String, String> response, long limit, String size) throws IOException {
        assertTrue(response.get(":status").startsWith("HTTP/1.1 413"), response.toString());
        assertEquals("application/problem+json", response.get("content-type"), response.toString());
        JsonNode problem = JSON.readTree(response.get(":body"));
        assertEquals(413, problem.get("status").asInt());
        assertEquals(limit, problem.get("limit").asLong());
        assertTrue(problem.get("detail").asText().contains("at most " + limit + " bytes"), problem.toString());
        assertTrue(problem.get("detail").asText().contains(size), problem.toString());
    }

    /** One HTTP/1.1 response with a Content-Length: its status line, headers (lower case) and body. */
    private static Map<String, String> read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before the answer's headers ended: " + head);
            }
            head.write(b);
        }
        Map<String, String> response = new LinkedHashMap<>();
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        response.put(":status", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            response.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(response.get("content-length")));
        response.put(":body", new String(body, StandardCharsets.UTF_8));
        return response;
    }

    private static io.restassured.response.Response draft(int placeholders) {
        return given().contentType("application/json")
                .body(Map.of("template", "On {{asOf}}. ".repeat(placeholders), "asOf", "2021-03-23"))
                .post("/api/drafts");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "within 30 s: " + what);
            Thread.sleep(20);
        }
    }
}
