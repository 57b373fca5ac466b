package org.casefile.problem;

/**
 * A merged record: its old id keeps working, answering with a redirect (308) to the same path on the record it was
 * merged into ({@link ProblemMappers#merged}).
 */
public class MergedException extends RuntimeException {
    public final String id;
    public final String into;

    public MergedException(String what, String id, String into) {
        super(what + " '" + id + "' was merged into '" + into + "'.");
        this.id = id;
        this.into = into;
    }
}
