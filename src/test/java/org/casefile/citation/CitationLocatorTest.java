package org.casefile.citation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CitationLocatorTest {

    static String seed(String file) throws IOException {
        return Files.readString(Path.of("seed", file), StandardCharsets.UTF_8);
    }

    static String slice(String text, CitationLocator.Passage p) {
        int from = text.offsetByCodePoints(0, p.start());
        int to = text.offsetByCodePoints(0, p.end());
        return text.substring(from, to);
    }

    @Test
    void findsASentenceBrokenAcrossLinesIn001() throws IOException {
        String text = seed("001_1252e01f3ca48733.txt");
        String quote = "Seventeen opposition members and supporters are currently detained or imprisoned";
        CitationLocator.Passage p = CitationLocator.locate("s", text, quote, null, null);
        String passage = slice(text, p);
        assertTrue(passage.contains("\n"), "the passage as written keeps its line break: " + passage);
        assertTrue(passage.startsWith("Seventeen opposition"));
        assertTrue(passage.endsWith("detained or imprisoned"));
        assertEquals(CitationLocator.fold(quote), CitationLocator.fold(passage));
    }

    @Test
    void unifiesCurlyQuotesAndNoBreakSpacesIn002() throws IOException {
        String text = seed("002_b9214a17ccd44dbe.txt");
        assertTrue(text.contains("\u00a0"), "002 holds no-break spaces");
        String quote = "on charges of \"treason.\"";
        CitationLocator.Passage p = CitationLocator.locate("s", text, quote, null, null);
        String passage = slice(text, p);
        assertTrue(passage.contains("\u201ctreason.\u201d"), passage);
        assertTrue(passage.contains(" \u00a0\u201c"), "a space and a no-break space in the original: " + passage);
    }

    @Test
    void matchesAcrossNoBreakSpaceRuns() {
        String text = "Dear\u00a0 \u00a0Senator,\r\n\r\n\u00a0\r\nI am one";
        CitationLocator.Passage p = CitationLocator.locate("s", text, "Senator, I am", null, null);
        assertEquals("Senator,\r\n\r\n\u00a0\r\nI am", slice(text, p));
    }

    @Test
    void offsetsCountCodePointsNotUtf16Units() {
        String text = "\uD83D\uDE00 a \uD83D\uDE00 detained";
        CitationLocator.Passage p = CitationLocator.locate("s", text, "detained", null, null);
        assertEquals(6, p.start());
        assertEquals(14, p.end());
    }

    @Test
    void aQuoteThatIsNotThereNamesQuoteAndSourceAndWhereTheCopyWentWrong() throws IOException {
        String text = seed("000_b4a13132b8e4e3e0.txt");
        QuoteNotLocatedException e = assertThrows(QuoteNotLocatedException.class, () ->
                CitationLocator.locate("joint-letter-kerry-2016-01-25", text, "Meach Sovannara, is a French citizen", null, null));
        assertTrue(e.getMessage().contains("Meach Sovannara, is a French citizen"), e.getMessage());
        assertTrue(e.getMessage().contains("joint-letter-kerry-2016-01-25"), e.getMessage());
        assertTrue(e.getMessage().contains("\"Meach Sovannara, is a \""), e.getMessage());
    }

    @Test
    void aRepeatedQuoteIsAmbiguousUntilAPrefixOrSuffixChooses() throws IOException {
        String text = seed("002_b9214a17ccd44dbe.txt");
        String quote = "Alliance Cambodge Canada (ACC)";
        QuoteNotLocatedException e = assertThrows(QuoteNotLocatedException.class,
                () -> CitationLocator.locate("s", text, quote, null, null));
        assertTrue(e.getMessage().contains("occurs 3 times"), e.getMessage());

        CitationLocator.Passage withSuffix = CitationLocator.locate("s", text, "Cambodian Americans for Human Rights and Democracy (CAHRAD)",
                null, ", Phone: 786-548-0092");
        assertTrue(slice(text, withSuffix).startsWith("Cambodian Americans"));
        CitationLocator.Passage withPrefix = CitationLocator.locate("s", text, "Cambodian Americans for Human Rights and Democracy (CAHRAD)",
                "Dr. B. Nicole Ung, Board Member of", null);
        assertEquals(withSuffix, withPrefix);
    }

    @Test
    void aRangeLimitsTheSearchToOneSection() throws IOException {
        String text = seed("002_b9214a17ccd44dbe.txt");
        int sectionStart = text.codePointCount(0, text.indexOf("Dear [Permanent Mission Name]"));
        int sectionEnd = text.codePointCount(0, text.indexOf("[Senator/Congressman Name]"));
        CitationLocator.Passage p = CitationLocator.locate("s", text, sectionStart, sectionEnd,
                "Alliance Cambodge Canada (ACC)", null, null);
        assertTrue(p.start() > sectionStart && p.end() < sectionEnd);
    }

    @Test
    void anEmptyQuoteIsRefused() {
        assertThrows(QuoteNotLocatedException.class, () -> CitationLocator.locate("s", "text", " \u00a0\n", null, null));
    }

    @Test
    void foldIsTheTwinOfTheDatabaseFunction() {
        assertEquals("a b \"q\" 'x' - y", CitationLocator.fold("  a\u00a0\n\n b \u201cq\u201d \u2018x\u2019 \u2013 y \u202f"));
    }
}
