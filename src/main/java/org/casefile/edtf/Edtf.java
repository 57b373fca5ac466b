package org.casefile.edtf;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser for the part of EDTF (ISO 8601-2) that letters need: days, months, years, seasons and quarters,
 * unspecified digits (201X), qualifiers (? ~ %) and intervals with open ("..") or unknown ("") ends.
 * No mature Java EDTF library is published, so Casefile keeps its own, small and strict.
 */
public final class Edtf {

    private static final Pattern SINGLE = Pattern.compile(
            "^(?<year>\\d[\\dX]{3})(?:-(?<month>[\\dX]{2})(?:-(?<day>[\\dX]{2}))?)?(?<qual>[?~%])?$");

    private Edtf() {
    }

    public static EdtfDate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new EdtfException("an empty date; write it in EDTF, e.g. 2020-07-31, 2015-07, 2017 or 2015-11/2016-01");
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        if (slash >= 0) {
            return interval(s, s.substring(0, slash), s.substring(slash + 1));
        }
        EdtfDate single = single(s, s);
        return single;
    }

    private static EdtfDate interval(String whole, String from, String to) {
        if (from.equals("..") && to.equals("..") || from.isEmpty() && to.isEmpty()) {
            throw new EdtfException("'" + whole + "' has no known end on either side");
        }
        EdtfDate start = from.isEmpty() || from.equals("..") ? null : single(whole, from);
        EdtfDate end = to.isEmpty() || to.equals("..") ? null : single(whole, to);
        LocalDate earliest = start == null ? null : start.earliest();
        LocalDate latest = end == null ? null : end.latest();
        if (earliest != null && latest != null && earliest.isAfter(latest)) {
            throw new EdtfException("'" + whole + "' ends before it starts");
        }
        boolean uncertain = (start != null && start.uncertain()) || (end != null && end.uncertain());
        boolean approximate = (start != null && start.approximate()) || (end != null && end.approximate());
        return new EdtfDate(whole, earliest, latest, EdtfDate.Precision.interval, uncertain, approximate);
    }

    private static EdtfDate single(String whole, String s) {
        Matcher m = SINGLE.matcher(s);
        if (!m.matches()) {
            throw new EdtfException("'" + whole + "' is not an EDTF date; write e.g. 2020-07-31, 2015-07, 2017, 201X, 2017?, 2015-11/2016-01 or 2016-01-25/..");
        }
        String qual = m.group("qual");
        boolean uncertain = "?".equals(qual) || "%".equals(qual);
        boolean approximate = "~".equals(qual) || "%".equals(qual);
        String year = m.group("year");
        String month = m.group("month");
        String day = m.group("day");
        try {
            if (year.contains("X")) {
                if (month != null) {
                    throw new EdtfException("'" + whole + "' has unspecified year digits with a month; Casefile reads only years like 201X or 19XX");
                }
                if (!year.matches("\\d+X+")) {
                    throw new EdtfException("'" + whole + "': only trailing year digits may be unspecified (201X, 19XX)");
                }
                int lo = Integer.parseInt(year.replace('X', '0'));
                int hi = Integer.parseInt(year.replace('X', '9'));
                EdtfDate.Precision p = year.endsWith("XX") ? EdtfDate.Precision.century : EdtfDate.Precision.decade;
                return new EdtfDate(whole, LocalDate.of(lo, 1, 1), LocalDate.of(hi, 12, 31), p, uncertain, approximate);
            }
            int y = Integer.parseInt(year);
            if (month == null) {
                return new EdtfDate(whole, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31), EdtfDate.Precision.year, uncertain, approximate);
            }
            if (month.contains("X") || (day != null && day.contains("X"))) {
                throw new EdtfException("'" + whole + "': write an unknown month or day by leaving it out (2015 rather than 2015-XX)");
            }
            int mo = Integer.parseInt(month);
            if (day == null) {
                if (mo >= 1 && mo <= 12) {
                    YearMonth ym = YearMonth.of(y, mo);
                    return new EdtfDate(whole, ym.atDay(1), ym.atEndOfMonth(), EdtfDate.Precision.month, uncertain, approximate);
                }
                return season(whole, y, mo, uncertain, approximate);
            }
            LocalDate d = LocalDate.of(y, mo, Integer.parseInt(day));
            return new EdtfDate(whole, d, d, EdtfDate.Precision.day, uncertain, approximate);
        } catch (java.time.DateTimeException e) {
            throw new EdtfException("'" + whole + "' is not a calendar date: " + e.getMessage());
        }
    }

    /** EDTF seasons 21-24 (northern hemisphere) and quarters 33-36. */
    private static EdtfDate season(String whole, int y, int code, boolean uncertain, boolean approximate) {
        YearMonth from;
        YearMonth to;
        switch (code) {
            case 21 -> { from = YearMonth.of(y, 3); to = YearMonth.of(y, 5); }
            case 22 -> { from = YearMonth.of(y, 6); to = YearMonth.of(y, 8); }
            case 23 -> { from = YearMonth.of(y, 9); to = YearMonth.of(y, 11); }
            case 24 -> { from = YearMonth.of(y, 12); to = YearMonth.of(y + 1, 2); }
            case 33, 34, 35, 36 -> { from = YearMonth.of(y, (code - 33) * 3 + 1); to = from.plusMonths(2); }
            default -> throw new EdtfException("'" + whole + "' has month " + code + "; months are 01-12, seasons 21-24, quarters 33-36");
        }
        return new EdtfDate(whole, from.atDay(1), to.atEndOfMonth(), EdtfDate.Precision.season, uncertain, approximate);
    }
}
