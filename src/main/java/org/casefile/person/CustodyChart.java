package org.casefile.person;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.casefile.custody.CustodyStates;
import org.casefile.custody.StatusView;
import org.casefile.web.PageText;

/**
 * A person's custody over time as geometry for an inline SVG (templates/PersonPages/person.html draws it): one band
 * per run of statusHistory, a tick for each day a source confirms a custody state, a year axis. Plain numbers and
 * words only; the template escapes every word.
 */
public record CustodyChart(int width, int height, int bandTop, int bandHeight, List<Band> bands, List<Tick> confirmations,
                           List<Year> years, LocalDate from, LocalDate to, String summary) {

    static final int WIDTH = 800;
    static final int LEFT = 10;
    static final int RIGHT = 10;
    static final int TICK_TOP = 8;
    static final int BAND_TOP = 26;
    static final int BAND_HEIGHT = 40;
    static final int AXIS_Y = BAND_TOP + BAND_HEIGHT + 8;
    static final int HEIGHT = AXIS_Y + 22;

    /** A run drawn: where, its state's group (held, free, other), certainty, and the words it is labelled with. */
    public record Band(double x, double width, String state, String group, String certainty, LocalDate from, LocalDate to,
                       boolean runsOn, String label, String title, boolean labelFits) {
        public double labelX() {
            return x + 4;
        }
    }

    /** A day a source confirms a custody state. */
    public record Tick(double x, LocalDate day, String state, String title) {
    }

    /** A year boundary on the axis. */
    public record Year(double x, int year, boolean labelled) {
    }

    /** Custody states grouped for colour: held (deprived of liberty), free (released), other. */
    public static String group(String state) {
        if (state == null) {
            return "unknown";
        }
        if (CustodyStates.FILTERS.get("deprived_of_liberty").contains(state)) {
            return "held";
        }
        return Set.of("released", "released_on_bail").contains(state) ? "free" : "other";
    }

    /** The chart of these runs and custody facts, its open end drawn up to {@code today}; null when there is nothing to draw. */
    static CustodyChart of(List<StatusView.Run> runs, List<PersonViews.CustodyView> custody, LocalDate today) {
        if (runs == null || runs.isEmpty()) {
            return null;
        }
        // A run whose start no source dates (its first run, if any) is drawn from the earliest day known otherwise.
        LocalDate from = today;
        LocalDate to = today;
        for (StatusView.Run r : runs) {
            for (LocalDate day : java.util.Arrays.asList(r.from(), r.to())) {
                if (day != null && day.isBefore(from)) {
                    from = day;
                }
            }
            if (r.to() != null && r.to().isAfter(to)) {
                to = r.to();
            }
        }
        for (PersonViews.CustodyView c : custody == null ? List.<PersonViews.CustodyView>of() : custody) {
            if (c.confirmed() != null && !"deprecated".equals(c.rank()) && c.confirmed().isBefore(from)) {
                from = c.confirmed();
            }
        }
        LocalDate first = from;
        // Whole years, so the axis starts and ends on a labelled boundary.
        from = from.withDayOfYear(1);
        to = to.plusYears(1).withDayOfYear(1);
        Scale scale = new Scale(from, to);

        List<Band> bands = new ArrayList<>();
        for (StatusView.Run r : runs) {
            LocalDate end = r.to() == null ? today : r.to();
            double x = scale.x(r.from() == null ? from : r.from());
            double w = Math.max(2, scale.x(end.plusDays(1)) - x);
            String words = PageText.words(r.status());
            String when = (r.from() == null ? "undated start" : PageText.date(r.from())) + " – "
                    + (r.to() == null ? "still, as last known" : PageText.date(r.to()));
            String title = words + ", " + r.certainty() + ": " + when
                    + (r.lastConfirmed() != null ? "; last confirmed " + PageText.date(r.lastConfirmed()) : "")
                    + (r.disputed() ? "; sources disagree" : "");
            String label = words + (r.certainty().equals("definite") ? "" : " (" + r.certainty() + ")");
            // About 6.5 px per character at 12 px: a label is drawn only inside a band wide enough to hold it.
            boolean fits = w >= label.length() * 6.8 + 8;
            bands.add(new Band(round(x), round(w), r.status(), group(r.status()), r.certainty(), r.from(), r.to(),
                    r.to() == null, label, title, fits));
        }

        // A tick for each day a source confirms a custody state: the custody facts' confirmed days, and the days each
        // run was last confirmed (a claim's definite end, where no confirmed day is recorded). One tick per day.
        java.util.Map<LocalDate, String> confirmedDays = new java.util.TreeMap<>();
        for (PersonViews.CustodyView c : custody == null ? List.<PersonViews.CustodyView>of() : custody) {
            if (c.confirmed() != null && !"deprecated".equals(c.rank())) {
                confirmedDays.putIfAbsent(c.confirmed(), c.state());
            }
        }
        for (StatusView.Run r : runs) {
            if (r.lastConfirmed() != null) {
                confirmedDays.putIfAbsent(r.lastConfirmed(), r.status());
            }
        }
        List<Tick> ticks = new ArrayList<>();
        confirmedDays.forEach((day, state) -> ticks.add(new Tick(round(scale.x(day)), day, state,
                "Confirmed " + PageText.date(day) + ": " + PageText.words(state))));

        int firstYear = from.getYear();
        int lastYear = to.getYear();
        int span = lastYear - firstYear;
        int every = span <= 8 ? 1 : span <= 16 ? 2 : span <= 40 ? 5 : 10;
        List<Year> years = new ArrayList<>();
        for (int y = firstYear; y <= lastYear; y++) {
            years.add(new Year(round(scale.x(LocalDate.of(y, 1, 1))), y, (y - firstYear) % every == 0 && y < lastYear));
        }
        String summary = String.format(Locale.ENGLISH, "Custody status from %s to %s: %d periods, %d confirmations.",
                PageText.date(first), PageText.date(today), bands.size(), ticks.size());
        return new CustodyChart(WIDTH, HEIGHT, BAND_TOP, BAND_HEIGHT, bands, ticks, years, from, to, summary);
    }

    public int axisY() {
        return AXIS_Y;
    }

    public int tickTop() {
        return TICK_TOP;
    }

    public int tickBottom() {
        return BAND_TOP + BAND_HEIGHT;
    }

    public int labelY() {
        return BAND_TOP + BAND_HEIGHT / 2 + 4;
    }

    public int yearLabelY() {
        return AXIS_Y + 16;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    public int left() {
        return LEFT;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Days to x. */
    private record Scale(LocalDate from, LocalDate to) {
        double x(LocalDate day) {
            double days = ChronoUnit.DAYS.between(from, to);
            return LEFT + (WIDTH - LEFT - RIGHT) * ChronoUnit.DAYS.between(from, day) / days;
        }
    }
}
