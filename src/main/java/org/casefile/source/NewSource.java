package org.casefile.source;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NewSource", description = "A source to store: its verbatim text and metadata. The id is made from the title and date.")
public record NewSource(
        @Schema(required = true, examples = "Letter on the arrest of a union organiser") String title,
        @Schema(required = true, description = "letter, joint_letter, joint_statement, constituent_letter, news_article, un_statement, report or other.",
                examples = "letter") String kind,
        @Schema(description = "EDTF.", examples = "2026-11-20") String date,
        String dateNote,
        @Schema(required = true, description = "The text exactly as received; it is never edited afterwards.") String text,
        String originFile,
        List<String> authors,
        List<String> recipients,
        @Schema(description = "Hide the source, its text and its citations from everyone but editors.") Boolean restricted) {
}
