package dev.neurolens.cli;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.milan.DescriptionModel;
import dev.neurolens.milan.DescriptionPrior;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@code neurolens} command line as an OSGi service. The launcher (a plain {@code main()}
 * outside the framework) finds it by the property {@code neurolens.command=main} and calls it
 * with the process arguments; the service type is a JDK interface so that the launcher and the
 * bundle share no classes.
 */
@Component(service = Function.class, property = "neurolens.command=main")
public final class CommandLineService implements Function<String[], Integer> {
    private static final Logger LOG = Logger.getLogger(CommandLineService.class.getName());

    private final List<ModelAdapter> adapters = new CopyOnWriteArrayList<>();
    private final List<Explainer> explainers = new CopyOnWriteArrayList<>();
    private final List<RankedService<DescriptionModel>> descriptionModels = new CopyOnWriteArrayList<>();
    private final List<RankedService<DescriptionPrior>> descriptionPriors = new CopyOnWriteArrayList<>();
    private final List<Command> commands = List.of(new InfoCommand(), new PredictCommand(), new MethodsCommand(),
            new ExplainCommand(), new DemoCommand(), new BenchCommand(), new EvaluateCommand(),
            new DissectCommand(), new ExemplarsCommand(), new DissectBenchCommand(),
            new DescribeCommand(() -> RankedService.ordered(descriptionModels),
                    () -> RankedService.ordered(descriptionPriors)),
            new VisualizeCommand(), new FiltersCommand(), new ActivationsCommand(),
            new EngineBenchCommand());

    /** Binds an engine. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAdapter(ModelAdapter adapter, Map<String, Object> props) {
        adapters.add(adapter);
    }

    void removeAdapter(ModelAdapter adapter) {
        adapters.remove(adapter);
    }

    /** Binds an explanation method. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addExplainer(Explainer explainer) {
        explainers.add(explainer);
    }

    void removeExplainer(Explainer explainer) {
        explainers.remove(explainer);
    }

    /** Binds a description model of {@code describe} (dev.neurolens.milan). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDescriptionModel(DescriptionModel model, Map<String, Object> props) {
        descriptionModels.add(new RankedService<>(model, RankedService.ranking(props)));
    }

    void removeDescriptionModel(DescriptionModel model) {
        descriptionModels.removeIf(r -> r.service() == model);
    }

    /** Binds a description prior of {@code describe} (dev.neurolens.milan). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDescriptionPrior(DescriptionPrior prior, Map<String, Object> props) {
        descriptionPriors.add(new RankedService<>(prior, RankedService.ranking(props)));
    }

    void removeDescriptionPrior(DescriptionPrior prior) {
        descriptionPriors.removeIf(r -> r.service() == prior);
    }

    @Override
    public Integer apply(String[] argv) {
        Session session = new Session(System.out, System.err, new ArrayList<>(adapters), new ArrayList<>(explainers),
                Path.of(System.getProperty("neurolens.home", ".")), System.console() != null);
        return run(Arrays.asList(argv), session);
    }

    int run(List<String> argv, Session session) {
        if (argv.isEmpty() || argv.get(0).equals("--help") || argv.get(0).equals("-h") || argv.get(0).equals("help")) {
            if (argv.size() > 1) {
                return find(argv.get(1)).map(c -> {
                    session.out().print(c.help());
                    return 0;
                }).orElseGet(() -> unknown(argv.get(1), session));
            }
            session.out().print(usage());
            return argv.isEmpty() ? 2 : 0;
        }
        String name = argv.get(0);
        List<String> rest = argv.subList(1, argv.size());
        var command = find(name);
        if (command.isEmpty()) {
            return unknown(name, session);
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            session.out().print(command.get().help());
            return 0;
        }
        try {
            return command.get().run(rest, session);
        } catch (UsageException e) {
            session.err().println("neurolens " + name + ": error: " + e.getMessage());
            return 2;
        } catch (NeuroLensException e) {
            LOG.log(Level.INFO, "command failed: " + name, e);
            session.err().println("neurolens " + name + ": error: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            LOG.log(Level.WARNING, "I/O failure in " + name, e);
            session.err().println("neurolens " + name + ": error: cannot write results: " + e.getMessage());
            return 1;
        } catch (Exception | LinkageError e) {
            LOG.log(Level.SEVERE, "internal error in " + name, e);
            session.err().println("neurolens " + name + ": internal error: " + e + " (details in "
                    + System.getProperty("neurolens.log", "the log") + ")");
            return 1;
        }
    }

    private java.util.Optional<Command> find(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private int unknown(String name, Session session) {
        session.err().println("neurolens: error: unknown command '" + name + "'; commands: "
                + String.join(", ", commands.stream().map(Command::name).toList()) + " (see 'neurolens --help')");
        return 2;
    }

    private String usage() {
        StringBuilder sb = new StringBuilder("""
                NeuroLens: explanations for convolutional image classifiers.

                Usage: neurolens COMMAND [OPTIONS]     (neurolens COMMAND --help for details)

                Commands:
                """);
        for (Command c : commands) {
            sb.append(String.format("  %-10s %s%n", c.name(), c.summary()));
        }
        sb.append("""

                Results go to the folder given with --out (demo: neurolens-out/demo). Logs go to
                """).append(System.getProperty("neurolens.log", "~/.cache/neurolens/logs/neurolens.log")).append('\n');
        return sb.toString();
    }
}
