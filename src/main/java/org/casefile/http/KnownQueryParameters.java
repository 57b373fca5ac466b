package org.casefile.http;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.casefile.problem.ProblemException;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A query parameter the matched operation does not take is a 400 naming it and the ones it takes: a misspelt or
 * unsupported filter is never silently ignored (GET /api/persons?statu=detained would otherwise list everyone).
 *
 * One rule for every Casefile resource method, read from its declaration: the names of its {@code @QueryParam}
 * and {@code @RestQuery} parameters, of such fields of its bean parameters (nested ones too), and of the resource
 * class's own such fields; worked out once per method, on its first request with a query. A name is known in any letter case, because that is how the
 * framework binds it (Vert.x parses the query case-insensitively, so {@code ASOF=} fills {@code asOf}). Empty names
 * (a stray {@code &}) are not parameters. Endpoints not declared in org.casefile (Quarkus's /q/…) are left alone.
 *
 * Order: it runs after matching and after Quarkus's security check of {@code @RolesAllowed} operations (so a write
 * without valid credentials is still a 401 or 403 first), and before the switch to a worker thread, the request body,
 * the resource method, its services' authentication of a public reader, the database and the ETag comparison: an
 * unknown name is refused on the event loop before any work, as a malformed value already is before any query.
 */
public class KnownQueryParameters {

    /** The query parameters one operation takes. */
    record Accepted(String operation, List<String> names, Set<String> folded) {

        /** Every name is known: not one of Casefile's operations. */
        static final Accepted ANY = new Accepted(null, List.of(), Set.of());

        boolean knows(String name) {
            return this == ANY || folded.contains(fold(name));
        }
    }

    private final Map<Method, Accepted> accepted = new ConcurrentHashMap<>();

    @ServerRequestFilter(nonBlocking = true)
    public void check(ResourceInfo resource, RoutingContext routing) {
        String query = routing.request().query();
        if (query == null || query.isEmpty()) {
            return;
        }
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Accepted operation = accepted.computeIfAbsent(method, m -> accepted(resource.getResourceClass(), m));
        if (operation == Accepted.ANY) {
            return;
        }
        // The query as the framework parsed it for the resource, in the order the request gives the names.
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> parameter : routing.queryParams()) {
            String name = parameter.getKey();
            if (!name.isEmpty() && !operation.knows(name) && !unknown.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw problem(operation, unknown);
        }
    }

    static ProblemException problem(Accepted operation, List<String> unknown) {
        String first = unknown.get(0);
        StringBuilder detail = new StringBuilder("Unknown query parameter '").append(first).append("'. ")
                .append(operation.operation());
        if (operation.names().isEmpty()) {
            detail.append(" takes no query parameters.");
        } else {
            detail.append(" accepts: ").append(String.join(", ", operation.names())).append('.');
        }
        if (unknown.size() > 1) {
            detail.append(" Also unknown: '").append(String.join("', '", unknown.subList(1, unknown.size()))).append("'.");
        }
        detail.append(operation.names().isEmpty() ? " Leave " : " Check the spelling, or leave ")
                .append(unknown.size() > 1 ? "them" : "it").append(" out.");
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("parameter", first);
        extensions.put("accepted", operation.names());
        return new ProblemException(400, "Unknown parameter '" + first + "'", detail.toString(), extensions);
    }

    /** What a resource method accepts, in declaration order; {@link Accepted#ANY} for a method not Casefile's own. */
    static Accepted accepted(Class<?> resourceClass, Method method) {
        Class<?> owner = resourceClass != null ? resourceClass : method.getDeclaringClass();
        if (!owner.getName().startsWith("org.casefile.")) {
            return Accepted.ANY;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Parameter parameter : method.getParameters()) {
            String name = queryName(parameter, parameter.getName());
            if (name != null) {
                names.add(name);
            } else if (parameter.isAnnotationPresent(BeanParam.class) || parameter.getAnnotations().length == 0) {
                // Quarkus REST takes a parameter whose class has @QueryParam fields as a bean parameter even without
                // @BeanParam; an unannotated body's class has no such fields, so it adds nothing.
                collect(parameter.getType(), names);
            }
        }
        collect(owner, names);
        Set<String> folded = new HashSet<>();
        names.forEach(n -> folded.add(fold(n)));
        return new Accepted(httpMethod(method) + " " + path(owner, method), List.copyOf(names), Set.copyOf(folded));
    }

    /** The query names a bean parameter's (or resource's) fields take, nested bean parameters included. */
    private static void collect(Class<?> type, Set<String> names) {
        if (type.isPrimitive() || type.isArray() || type.getName().startsWith("java.")) {
            return;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                String name = queryName(field, field.getName());
                if (name != null) {
                    names.add(name);
                } else if (field.isAnnotationPresent(BeanParam.class)) {
                    collect(field.getType(), names);
                }
            }
        }
    }

    /** The query parameter an element is bound to, or null. */
    private static String queryName(AnnotatedElement element, String declaredName) {
        QueryParam query = element.getAnnotation(QueryParam.class);
        if (query != null) {
            return query.value();
        }
        RestQuery rest = element.getAnnotation(RestQuery.class);
        if (rest != null) {
            return rest.value().isEmpty() ? declaredName : rest.value();
        }
        return null;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return "This operation";
    }

    /** The operation's path template, as the OpenAPI document writes it: /api/persons/{id}/status. */
    private static String path(Class<?> owner, Method method) {
        StringBuilder path = new StringBuilder();
        for (Path part : new Path[] {owner.getAnnotation(Path.class), method.getAnnotation(Path.class)}) {
            if (part == null) {
                continue;
            }
            String value = part.value();
            if (!value.startsWith("/")) {
                path.append('/');
            }
            path.append(value.endsWith("/") && value.length() > 1 ? value.substring(0, value.length() - 1) : value);
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
