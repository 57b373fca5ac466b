package org.casefile.person;

import io.quarkus.qute.TemplateExtension;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.casefile.web.PageText;

/** Words the people pages use, in templates as {people:...}. */
@TemplateExtension(namespace = "people")
public final class PersonPageText {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final Pattern DAY = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])");
    private static final Pattern MONTH_ONLY = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    /** A custody state as the end of "was …": pretrial_detention → in pre-trial detention. */
    public static String phrase(String state) {
        if (state == null) {
            return "";
        }
        return switch (state) {
            case "pretrial_detention" -> "in pre-trial detention";
            case "arrested" -> "under arrest";
            case "house_arrest" -> "under house arrest";
            case "judicial_supervision" -> "under judicial supervision";
            case "in_exile" -> "in exile";
            default -> PageText.words(state);
        };
    }

    /** The colour group of a state (held, free, other, unknown): always shown with its words too. */
    public static String group(String state) {
        return CustodyChart.group(state);
    }

    /** An EDTF date as stated, in words where it is a plain day or month (2015-07 → July 2015), else as written. */
    public static String edtf(String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        int slash = value.indexOf('/');
        if (slash > 0 && slash == value.lastIndexOf('/')) {
            // An interval: each end in words, an open end (..) or unknown one (empty) said so.
            String from = value.substring(0, slash);
            String to = value.substring(slash + 1);
            return (from.equals("..") || from.isEmpty() ? "some time" : edtf(from)) + " – "
                    + (to.equals("..") || to.isEmpty() ? "some time after" : edtf(to));
        }
        // Shapes checked first: a parse that fails throws, and a page may show dozens of dates stated only as a year.
        if (DAY.matcher(value).matches()) {
            try {
                return PageText.date(LocalDate.parse(value));
            } catch (DateTimeParseException e) {
                return value; // 2021-02-30: as written
            }
        }
        if (MONTH_ONLY.matcher(value).matches()) {
            return MONTH.format(YearMonth.parse(value));
        }
        return value;
    }

    /** The first few of a list, comma-separated, with "…" when there are more. */
    public static String some(java.util.List<String> values, int howMany) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        String shown = String.join(", ", values.subList(0, Math.min(howMany, values.size())));
        return values.size() > howMany ? shown + ", …" : shown;
    }

    private PersonPageText() {
    }
}
