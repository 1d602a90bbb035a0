package dev.neurolens.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;

/**
 * How many services a bundle's Declarative Services components declare, read from the component
 * descriptions named in its {@code Service-Component} header.
 *
 * <p>Felix SCR registers the services of a started bundle on its own thread, a moment after the
 * bundle starts. The launcher waits until every bundle has registered what it declares (or a
 * short timeout passes, e.g. for a component whose mandatory reference is missing), so that a
 * command never sees half of the installed engines and methods.
 */
final class DeclaredServices {
    private static final Pattern PROVIDE = Pattern.compile("<provide\\s");

    private DeclaredServices() {
    }

    /** The number of {@code <provide>} elements over all of the bundle's component descriptions. */
    static int count(Bundle bundle) {
        Object header = bundle.getHeaders().get("Service-Component");
        if (header == null) {
            return 0;
        }
        int n = 0;
        for (String entry : header.toString().split(",")) {
            String path = entry.trim();
            if (path.isEmpty()) {
                continue;
            }
            for (URL url : entries(bundle, path)) {
                try (InputStream in = url.openStream()) {
                    Matcher m = PROVIDE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    while (m.find()) {
                        n++;
                    }
                } catch (IOException e) {
                    // an unreadable description registers nothing; SCR logs the problem
                }
            }
        }
        return n;
    }

    private static List<URL> entries(Bundle bundle, String path) {
        List<URL> urls = new ArrayList<>();
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "/" : path.substring(0, slash);
        String pattern = slash < 0 ? path : path.substring(slash + 1);
        Enumeration<URL> e = bundle.findEntries(dir, pattern, false);
        while (e != null && e.hasMoreElements()) {
            urls.add(e.nextElement());
        }
        return urls;
    }
}
