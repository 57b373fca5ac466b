package org.casefile.http;

/**
 * Paging parameters, parsed by hand so that "size=abc" or "page=-3" is a 400 that names the parameter
 * rather than a silent default or a 404.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    public static PageRequest of(String page, String size) {
        int p = Params.integer("page", page, 0, 0, Integer.MAX_VALUE / MAX_SIZE);
        int s = Params.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        return new PageRequest(p, s);
    }

    public int offset() {
        return page * size;
    }
}
