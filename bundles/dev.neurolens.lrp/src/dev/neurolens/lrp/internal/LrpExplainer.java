package dev.neurolens.lrp.internal;

import dev.neurolens.attribution.support.Batching;
import dev.neurolens.attribution.support.DisplayView;
import dev.neurolens.attribution.support.GradientPass;
import dev.neurolens.attribution.support.Parameters;
import dev.neurolens.attribution.support.Results;
import dev.neurolens.attribution.support.Targets;
import dev.neurolens.attribution.support.TensorMath;
import dev.neurolens.attribution.support.Timings;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Explanation;
import dev.neurolens.core.explain.ExplanationKind;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.ParameterDescriptor;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.graph.compile.ExplanationPlan;
import dev.neurolens.lrp.LrpComposite;
import dev.neurolens.lrp.LrpRuleFactory;
import dev.neurolens.lrp.RuleSettings;
import dev.neurolens.lrp.composite.BuiltInComposites;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Layer-wise Relevance Propagation (Bach et al. 2015; Montavon et al. 2019) with Zennit's rules
 * and composites, compiled into one explanation graph: the relevance of the target (one-hot, or
 * its logit with {@code output=logit}) propagated to the input by the composite's rules. The raw
 * map is the input relevance {@code [C,H,W]}; the completeness delta is
 * {@code Σ relevance − output relevance} (0 where relevance is conserved). Rules and composites
 * from other bundles arrive as {@link LrpRuleFactory} and {@link LrpComposite} services.
 */
@Component(service = Explainer.class)
public final class LrpExplainer implements Explainer {
    private final Catalog catalog = new Catalog();
    private final AssignmentCache cache = new AssignmentCache();

    /** Binds a contributed rule. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addRule(LrpRuleFactory rule) {
        catalog.add(rule);
        cache.clear();
    }

    /** Unbinds a contributed rule. */
    public void removeRule(LrpRuleFactory rule) {
        catalog.remove(rule);
        cache.clear();
    }

    /** Binds a contributed composite. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addComposite(LrpComposite composite) {
        catalog.add(composite);
        cache.clear();
    }

    /** Unbinds a contributed composite. */
    public void removeComposite(LrpComposite composite) {
        catalog.remove(composite);
        cache.clear();
    }

    @Override
    public String id() {
        return "lrp";
    }

    @Override
    public String displayName() {
        return "LRP";
    }

    @Override
    public String description() {
        return "Layer-wise Relevance Propagation with Zennit's rules and composites (default epsilon-plus-flat: "
                + "flat on first layers, z+ on convolutions, epsilon on dense layers); one backward pass per image.";
    }

    @Override
    public ExplanationKind kind() {
        return ExplanationKind.ATTRIBUTION_MAP;
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(
                ParameterDescriptor.choice("composite", "which rule each layer gets (as Zennit's composites)",
                        BuiltInComposites.DEFAULT, List.copyOf(catalog.composites().keySet())),
                text("rules", "rules by node name, overriding the composite: NODE:RULE,... with RULE one of "
                        + String.join(", ", catalog.rules().keySet()), ""),
                ParameterDescriptor.real("epsilon", "the stabilizer of the epsilon rule", 1e-6, 0, 1e6),
                ParameterDescriptor.real("gamma", "the gamma of the gamma rule", 0.25, 0, 1e6),
                ParameterDescriptor.real("stabilizer", "the epsilon of z + epsilon*sign(z) in every other rule and in "
                        + "the z-rule of pooling and sums (Zennit's stabilizer)", 1e-6, 0, 1),
                ParameterDescriptor.real("alpha", "the alpha of the alpha-beta rule (beta = alpha - 1)", 2, 1, 1e6),
                text("low", "z^B lower bound of the model input: auto (black pixels after preprocessing), a number, "
                        + "or one per channel", "auto"),
                text("high", "z^B upper bound of the model input: auto (white pixels after preprocessing), a number, "
                        + "or one per channel", "auto"),
                ParameterDescriptor.choice("output", "the relevance at the output: onehot (1 at the target) or logit "
                        + "(the target's logit)", "onehot", List.of("onehot", "logit")),
                DisplayView.parameter("signed"), Batching.parameter());
    }

    private static ParameterDescriptor text(String name, String description, String defaultValue) {
        return new ParameterDescriptor(name, ParameterDescriptor.Type.STRING, description, defaultValue,
                Optional.empty(), Optional.empty(), List.of());
    }

    @Override
    public Explanation explain(LoadedModel model, ExplanationRequest request, Progress progress) {
        Parameters p = Parameters.resolve(id(), parameters(), request.parameters());
        Tensor batch = request.batch();
        TensorMath.requireFinite(batch, request.imageNames());
        Timings time = new Timings();
        Assignment assignment = assign(model, p);
        boolean predicted = request.target().isPredicted();
        GradientPass pass = cache.pass(assignment, predicted, () -> {
            ExplanationPlan plan = new ExplanationPlan(GradientPass.outputName(model),
                    List.of(GradientPass.inputName(model)), assignment.overrides(), Map.of(), List.of());
            return GradientPass.compile(model, predicted ? plan.withPredictedSeed() : plan);
        });
        time.lap("compile");
        Targets targets = predicted ? null : Targets.resolve(model, batch, request.target());
        time.lap("forward");
        int n = batch.dim(0);
        progress.begin(displayName(), n);
        try {
            GradientPass.Outputs out = pass.runChunked(batch, predicted ? null : targets.seed(0, n), Batching.size(p),
                    progress);
            if (predicted) {
                targets = Targets.choose(out.output(), request.target());
            }
            time.lap("engine");
            boolean logit = p.text("output").equals("logit");
            List<AttributionMap> maps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // every rule is linear in the output relevance, so the logit's relevance is a scaled one-hot's
                float start = logit ? targets.score(i) : 1f;
                Tensor r = scaled(out.gradient().slice(i), start);
                OptionalDouble delta = OptionalDouble.of(TensorMath.sum(r) - start);
                maps.add(Results.map(request, targets, i, r, Optional.empty(), delta, model.info().preprocessing()));
            }
            return new AttributionResult(id(), p.asMap(), Optional.empty(), maps, time.toMap(), report(assignment));
        } finally {
            progress.done();
        }
    }

    /**
     * The rule of every node on the model's relevance path for these parameters.
     *
     * @throws NeuroLensException naming the node without a rule, or the bad parameter
     */
    public Assignment assign(LoadedModel model, Parameters p) {
        GraphRunner runner = GradientPass.runner(model);
        return cache.get(runner, p.asMap(), () -> assign(runner, model, p));
    }

    private Assignment assign(GraphRunner runner, LoadedModel model, Parameters p) {
        LrpComposite composite = catalog.composites().get(p.text("composite"));
        if (composite == null) {
            throw new NeuroLensException("method lrp: unknown composite '" + p.text("composite") + "'; composites: "
                    + String.join(", ", catalog.composites().keySet()));
        }
        RuleSettings settings = new RuleSettings(p.real("epsilon"), p.real("gamma"), p.real("alpha"),
                p.real("stabilizer"));
        Assignment.Choice choice = new Assignment.Choice(composite, LrpParameters.rulesByNode(p.text("rules")),
                catalog.rules(), settings, LrpParameters.bounds(p, model.info().preprocessing()));
        GraphFacts facts = new GraphFacts(runner.model().getGraph(), GradientPass.inputName(model),
                GradientPass.outputName(model));
        return Assignment.of(facts, runner.shapes(), choice);
    }

    /** Resolves parameters as {@link #explain} does (for tests and front ends). */
    public Parameters resolve(Map<String, String> given) {
        return Parameters.resolve(id(), parameters(), given);
    }

    private static Tensor scaled(Tensor t, float factor) {
        if (factor == 1f) {
            return t;
        }
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
        return Tensor.wrap(v, t.shape());
    }

    private static Map<String, String> report(Assignment a) {
        Map<String, String> m = new LinkedHashMap<>();
        StringBuilder layers = new StringBuilder();
        a.linearRules().forEach((node, rule) -> layers.append(layers.isEmpty() ? "" : ", ").append(node).append(':')
                .append(rule));
        m.put("layerRules", layers.toString());
        m.put("firstLayers", String.join(", ", a.firstLayers()));
        return m;
    }
}
