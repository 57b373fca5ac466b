package org.casefile.timeline;

import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The export formats, with the media type each is served as and whether it is a download. */
public enum TimelineFormat {
    csv("text/csv; charset=UTF-8; header=present", "csv"),
    json(MediaType.APPLICATION_JSON, null),
    timelinejs(MediaType.APPLICATION_JSON, null),
    ics("text/calendar; charset=UTF-8", "ics");

    public static final String TEXT_CSV = "text/csv";
    public static final String TEXT_CALENDAR = "text/calendar";
    public static final String CSVW_METADATA = "application/csvm+json";

    private final String mediaType;
    private final String fileExtension;

    TimelineFormat(String mediaType, String fileExtension) {
        this.mediaType = mediaType;
        this.fileExtension = fileExtension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The extension of the attachment file name; null when the answer is not a download. */
    public String fileExtension() {
        return fileExtension;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    /**
     * The format for the Accept header when no {@code format} parameter is given: the first acceptable type,
     * in the client's order of preference (q, then order written), that Casefile writes; JSON for wildcards or
     * no header; empty when the header accepts none of them. Media ranges that do not parse are skipped.
     */
    public static Optional<TimelineFormat> negotiate(List<String> acceptHeaders) {
        List<MediaType> ranges = new ArrayList<>();
        for (String header : acceptHeaders == null ? List.<String>of() : acceptHeaders) {
            for (String range : header.split(",")) {
                if (range.isBlank()) {
                    continue;
                }
                try {
                    ranges.add(MediaType.valueOf(range.trim()));
                } catch (IllegalArgumentException e) {
                    // skipped, see above
                }
            }
        }
        if (ranges.isEmpty()) {
            return Optional.of(json);
        }
        ranges.sort(Comparator.comparingDouble(TimelineFormat::quality).reversed()); // stable: ties keep their order
        for (MediaType m : ranges) {
            if (quality(m) <= 0) {
                continue;
            }
            if (m.isWildcardType()) {
                return Optional.of(json);
            }
            String type = m.getType().toLowerCase();
            String sub = m.getSubtype().toLowerCase();
            if (type.equals("text") && (sub.equals("csv") || m.isWildcardSubtype())) {
                return Optional.of(csv);
            }
            if (type.equals("text") && sub.equals("calendar")) {
                return Optional.of(ics);
            }
            if (type.equals("application") && (sub.equals("json") || m.isWildcardSubtype())) {
                return Optional.of(json);
            }
        }
        return Optional.empty();
    }

    private static double quality(MediaType m) {
        try {
            return Double.parseDouble(m.getParameters().getOrDefault("q", "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
