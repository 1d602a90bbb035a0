package dev.neurolens.lrp.internal;

import dev.neurolens.lrp.LrpComposite;
import dev.neurolens.lrp.LrpRuleFactory;
import dev.neurolens.lrp.composite.BuiltInComposites;
import dev.neurolens.lrp.rules.BuiltInRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rules and composites an LRP explainer knows: the built-in ones, then those contributed as
 * services (a contributed name equal to a built-in one is ignored: built-ins cannot be replaced).
 */
final class Catalog {
    private final List<LrpRuleFactory> rules = new CopyOnWriteArrayList<>();
    private final List<LrpComposite> composites = new CopyOnWriteArrayList<>();

    void add(LrpRuleFactory rule) {
        rules.add(rule);
    }

    void remove(LrpRuleFactory rule) {
        rules.remove(rule);
    }

    void add(LrpComposite composite) {
        composites.add(composite);
    }

    void remove(LrpComposite composite) {
        composites.remove(composite);
    }

    /** Every rule factory by name: built-ins first. */
    Map<String, LrpRuleFactory> rules() {
        Map<String, LrpRuleFactory> m = new LinkedHashMap<>();
        BuiltInRules.all().forEach(r -> m.put(r.name(), r));
        rules.forEach(r -> m.putIfAbsent(r.name(), r));
        return m;
    }

    /** Every composite by name: built-ins first. */
    Map<String, LrpComposite> composites() {
        Map<String, LrpComposite> m = new LinkedHashMap<>();
        BuiltInComposites.all().forEach(c -> m.put(c.name(), c));
        composites.forEach(c -> m.putIfAbsent(c.name(), c));
        return m;
    }
}
