package org.casefile.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A page's address with its filters, the one way pages build the URLs they link and call canonical: parameters in
 * the order given, blank ones left out, values trimmed and encoded (a space as %20), so equal filters give one URL.
 */
public final class PageUrl {

    private final StringBuilder url;
    private char separator = '?';

    private PageUrl(String path) {
        this.url = new StringBuilder(path);
    }

    /** The path, e.g. "/counts"; "" for a query string alone. */
    public static PageUrl of(String path) {
        return new PageUrl(path);
    }

    /** Adds name=value, unless the value is null or blank. */
    public PageUrl with(String name, String value) {
        if (value != null && !value.isBlank()) {
            url.append(separator).append(name).append('=')
                    .append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8).replace("+", "%20"));
            separator = '&';
        }
        return this;
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
