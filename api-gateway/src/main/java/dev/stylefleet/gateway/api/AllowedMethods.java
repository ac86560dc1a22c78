package dev.stylefleet.gateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which methods each path of the API answers, for the {@code Allow} header and message of a 405. The
 * REST layer knows a path exists with other methods but throws its 405 without saying which (an empty
 * {@code Allow}), so this reads the same JAX-RS annotations it routes by, once, from the resource beans.
 * HEAD (with GET) and OPTIONS are added as the REST layer answers them for every resource.
 */
@ApplicationScoped
public class AllowedMethods {
    /** {@code {name}} or {@code {name: regex}} in a JAX-RS path template. */
    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*\\})+))?\\}");

    private final Map<Pattern, Set<String>> byPath = new LinkedHashMap<>();

    @Inject
    AllowedMethods(BeanManager beans) {
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root != null) {
                read(root.value(), type);
            }
        }
    }

    private void read(String root, Class<?> type) {
        for (Method m : type.getMethods()) {
            String method = httpMethod(m);
            if (method == null) {
                continue;
            }
            Path sub = m.getAnnotation(Path.class);
            String template = sub == null ? root : root + "/" + sub.value();
            Set<String> methods = byPath.computeIfAbsent(regex(template), k -> new TreeSet<>());
            methods.add(method);
            if (method.equals(HttpMethod.GET)) {
                methods.add(HttpMethod.HEAD);
            }
            methods.add(HttpMethod.OPTIONS);
        }
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    static Pattern regex(String template) {
        String normal = ("/" + template).replaceAll("/+", "/");
        normal = normal.length() > 1 && normal.endsWith("/") ? normal.substring(0, normal.length() - 1) : normal;
        StringBuilder out = new StringBuilder();
        Matcher param = TEMPLATE_PARAM.matcher(normal);
        int at = 0;
        while (param.find()) {
            out.append(Pattern.quote(normal.substring(at, param.start())));
            out.append('(').append(param.group(1) == null ? "[^/]+" : param.group(1).trim()).append(')');
            at = param.end();
        }
        out.append(Pattern.quote(normal.substring(at)));
        return Pattern.compile(out + "/?");
    }

    /** The methods the path answers (sorted), empty for a path the API does not have. */
    public List<String> at(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        Set<String> all = new TreeSet<>();
        byPath.forEach((pattern, methods) -> {
            if (pattern.matcher(p).matches()) {
                all.addAll(methods);
            }
        });
        return new ArrayList<>(all);
    }
}
