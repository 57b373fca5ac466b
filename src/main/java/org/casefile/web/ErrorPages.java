package org.casefile.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.casefile.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A browser asking for a page gets errors as a page: the same problem the API would give (status, title, detail),
 * rendered in the site's frame with a search box, instead of problem+json. API and /q paths, and clients that do not
 * ask for HTML, keep problem+json.
 */
public class ErrorPages {

    @CheckedTemplate(basePath = "web", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance error(Problem problem);
    }

    @ServerResponseFilter(priority = 6000)
    public void errorPage(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem) || !isPageRequest(request)) {
            return;
        }
        response.setEntity(Templates.error(problem).render(), null, PageResponse.HTML);
        PageHeaders.apply(response);
    }

    static boolean isPageRequest(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/api") || path.startsWith("/q/")) {
            return false;
        }
        return request.getAcceptableMediaTypes().stream().anyMatch(t -> !t.isWildcardType() && t.isCompatible(MediaType.TEXT_HTML_TYPE));
    }
}
