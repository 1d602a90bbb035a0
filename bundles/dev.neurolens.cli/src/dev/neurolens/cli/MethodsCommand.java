package dev.neurolens.cli;

import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.ParameterDescriptor;
import dev.neurolens.core.io.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code neurolens methods}: the registered explanation methods and their parameters. */
final class MethodsCommand implements Command {

    @Override
    public String name() {
        return "methods";
    }

    @Override
    public String summary() {
        return "list the installed explanation methods and their parameters";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens methods [--json]

                Lists every explanation method registered in the running NeuroLens, with its id
                (what --method takes), kind and parameters. Methods come from bundles: the ones
                NeuroLens ships, and third-party bundles dropped into a plugins folder
                (<neurolens home>/plugins, ~/.neurolens/plugins, or the folders listed in
                $NEUROLENS_PLUGINS).
                """;
    }

    @Override
    public int run(List<String> tokens, Session session) {
        Args args = Args.parse(name(), tokens, Set.of(), Set.of("json"));
        if (args.flag("json")) {
            session.out().println(Json.write(session.explainers().stream().map(MethodsCommand::toJson).toList()));
            return 0;
        }
        if (session.explainers().isEmpty()) {
            session.out().println("No explanation methods are installed. Methods are bundles that register an");
            session.out().println("Explainer service; drop one into ~/.neurolens/plugins to add it.");
            return 0;
        }
        for (Explainer e : session.explainers()) {
            session.out().printf("%-22s %s (%s)%n", e.id(), e.displayName(), e.kind().name().toLowerCase());
            session.out().printf("%-22s %s%n", "", e.description());
            for (ParameterDescriptor p : e.parameters()) {
                String range = p.type() == ParameterDescriptor.Type.CHOICE ? " {" + String.join(", ", p.choices()) + "}"
                        : p.min().isPresent() ? " [" + p.min().get() + ", " + p.max().map(String::valueOf).orElse("inf")
                                + "]" : "";
                session.out().printf("%-22s   %s=%s%s  %s%n", "", p.name(), p.defaultValue(), range, p.description());
            }
        }
        return 0;
    }

    private static Map<String, Object> toJson(Explainer e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("name", e.displayName());
        m.put("kind", e.kind());
        m.put("description", e.description());
        m.put("usesLayer", e.usesLayer());
        m.put("parameters", e.parameters().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("type", p.type());
            pm.put("default", p.defaultValue());
            pm.put("min", p.min());
            pm.put("max", p.max());
            pm.put("choices", p.choices());
            pm.put("description", p.description());
            return pm;
        }).toList());
        return m;
    }
}
