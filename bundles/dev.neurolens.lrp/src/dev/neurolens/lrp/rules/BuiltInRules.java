package dev.neurolens.lrp.rules;

import dev.neurolens.lrp.LrpRule;
import dev.neurolens.lrp.LrpRuleFactory;
import dev.neurolens.lrp.RuleSettings;
import java.util.List;
import java.util.function.Function;

/** The built-in rules by name, for composites and the {@code rules=NODE:NAME} parameter. */
public final class BuiltInRules {
    private static final List<LrpRuleFactory> ALL = List.of(
            rule("zero", "LRP-0: R_j = Σ_k x_j w_jk / z_k · R_k (0 where z_k = 0)", s -> new Epsilon(0)),
            rule("epsilon", "LRP-ε: as LRP-0 with z_k + ε·sign(z_k) (parameter epsilon)",
                    s -> new Epsilon(s.epsilon())),
            rule("gamma", "LRP-γ: positive contributions amplified by γ (parameter gamma)", s -> new Gamma(s.gamma(), s.stabilizer())),
            rule("zplus", "LRP-z⁺: positive contributions only (= alpha1-beta0)", s -> new ZPlus(s.stabilizer())),
            rule("alpha1-beta0", "LRP-α1β0: positive contributions only", s -> new AlphaBeta(1, 0, s.stabilizer())),
            rule("alpha2-beta1", "LRP-α2β1: 2 × positive minus 1 × negative contributions", s -> new AlphaBeta(2, 1, s.stabilizer())),
            rule("alpha-beta", "LRP-αβ with β = α − 1 (parameter alpha)", s -> new AlphaBeta(s.alpha(), s.alpha() - 1, s.stabilizer())),
            rule("flat", "LRP-flat: spread evenly over the receptive field", s -> new Flat(s.stabilizer())),
            rule("wsquare", "LRP-w²: in proportion to squared weights", s -> new WSquare(s.stabilizer())),
            rule("zbox", "LRP-z^B: for bounded first-layer inputs (parameters low, high)", s -> new ZBox(s.stabilizer())));

    private BuiltInRules() {
    }

    /** Every built-in rule factory, in a fixed order. */
    public static List<LrpRuleFactory> all() {
        return ALL;
    }

    private static LrpRuleFactory rule(String name, String description, Function<RuleSettings, LrpRule> create) {
        return new Factory(name, description, create);
    }

    private record Factory(String name, String description, Function<RuleSettings, LrpRule> create)
            implements LrpRuleFactory {
        @Override
        public LrpRule create(RuleSettings settings) {
            return create.apply(settings);
        }
    }
}
