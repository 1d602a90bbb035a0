package dev.neurolens.lrp;

/**
 * An OSGi service that contributes an LRP rule under a name, for composites ({@link LrpComposite})
 * and the {@code rules=NODE:NAME} parameter. Built-in names cannot be replaced.
 */
public interface LrpRuleFactory {

    /** The rule's name, e.g. {@code epsilon} (lower case, digits and hyphens). */
    String name();

    /** One sentence for users. */
    String description();

    /** The rule for the given parameter values. */
    LrpRule create(RuleSettings settings);
}
