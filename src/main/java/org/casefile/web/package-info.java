/**
 * The web app's frame, shared by every page: the layout (templates/base.html), security headers, error pages for
 * browsers, and the words and links pages use to show statuses and passages. Each page lives in its feature's
 * package (person, source, count, timeline) and calls that feature's service; this package depends on no feature.
 */
package org.casefile.web;
