package dev.neurolens.cli;

import dev.neurolens.core.io.Json;
import dev.neurolens.core.io.Sidecar;
import dev.neurolens.core.model.ExecutionDevice;
import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.TensorInfo;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code neurolens info}: what a model is — inputs, outputs, layers, opset, parameters. */
final class InfoCommand implements Command {

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "show a model's inputs, outputs, layers, opset and parameter count";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens info --model MODEL [--device cpu|gpu] [--json]

                Shows what NeuroLens knows about a model: format and engine, opset, producer,
                parameter count, inputs and outputs with shapes, the preprocessing of its images
                (from the sidecar file MODEL-STEM.neurolens.properties, see docs/sidecar.md), and
                every layer with its operation and output shape. Layer and tensor names shown here
                are what --layer takes in other commands. "Device" says where the model runs: with
                --device gpu and no usable GPU (no GPU feature, no CUDA), the CPU, and why.

                Options:
                  --model MODEL   an .onnx file or a TensorFlow SavedModel folder
                  --device D      cpu or gpu (default: -Dneurolens.device, else cpu)
                  --json          print JSON instead of a table

                Example:
                  neurolens info --model models/resnet20_cifar10.onnx
                """;
    }

    @Override
    public int run(List<String> tokens, Session session) {
        Args args = Args.parse(name(), tokens, Set.of("model", "device"), Set.of("json"));
        Path model = Session.path(args.required("model"));
        try (LoadedModel m = session.open(model, DeviceOption.options(args))) {
            ModelInfo info = m.info();
            Optional<ExecutionDevice> device = m.capability(ExecutionDevice.class);
            if (args.flag("json")) {
                Map<String, Object> json = toJson(info);
                device.ifPresent(d -> json.put("device", Map.of("requested", d.requested(), "used", d.used(),
                        "note", d.note())));
                session.out().println(Json.write(json));
            } else {
                print(info, device, session.out());
            }
        }
        return 0;
    }

    private static void print(ModelInfo info, Optional<ExecutionDevice> device, PrintStream out) {
        out.printf("Model       %s%n", Session.show(info.source()));
        out.printf("Format      %s, opset %d%s%n", info.format(), info.opsetVersion(),
                info.producer().isEmpty() ? "" : ", produced by " + info.producer());
        out.printf("Engine      %s%n", info.engine());
        device.ifPresent(d -> out.printf("Device      %s%n", d));
        out.printf("Parameters  %,d%n", info.parameterCount());
        for (TensorInfo t : info.inputs()) {
            out.printf("Input       %s%n", t);
        }
        for (TensorInfo t : info.outputs()) {
            out.printf("Output      %s%n", t);
        }
        Preprocessing p = info.preprocessing();
        Path sidecar = Sidecar.locate(info.source());
        out.printf("Preprocess  %s (%s)%n", describe(p),
                Files.exists(sidecar) ? "from " + sidecar.getFileName() : "no sidecar file: defaults");
        if (!p.labels().isEmpty()) {
            out.printf("Labels      %d: %s%n", p.labels().size(), String.join(", ", p.labels()));
        }
        out.printf("%nLayers (%d)%n", info.layers().size());
        int nameWidth = Math.max(4, info.layers().stream().mapToInt(l -> l.name().length()).max().orElse(4));
        int opWidth = Math.max(2, info.layers().stream().mapToInt(l -> l.opType().length()).max().orElse(2));
        out.printf("  %-4s %-" + nameWidth + "s  %-" + opWidth + "s  %s%n", "#", "name", "op", "output");
        int i = 0;
        for (LayerInfo l : info.layers()) {
            String outputs = l.outputs().stream().map(o -> o.name().equals(l.name()) ? o.shapeString()
                    : o.name() + " " + o.shapeString()).collect(Collectors.joining("; "));
            out.printf("  %-4d %-" + nameWidth + "s  %-" + opWidth + "s  %s%n", i++, l.name(), l.opType(), outputs);
        }
    }

    private static String describe(Preprocessing p) {
        return String.format("%dx%d %s %s, pixels/%s, mean %s, std %s, %s", p.width(), p.height(),
                p.channelOrder(), p.layout(), trim(p.scale()), list(p.mean()), list(p.std()),
                p.resize().name().toLowerCase().replace('_', '-'));
    }

    private static String list(float[] v) {
        List<String> s = new ArrayList<>();
        for (float f : v) {
            s.add(trim(f));
        }
        return "(" + String.join(", ", s) + ")";
    }

    private static String trim(float f) {
        return f == Math.rint(f) ? Integer.toString((int) f) : Float.toString(f);
    }

    static Map<String, Object> toJson(ModelInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", info.source().toString());
        m.put("format", info.format());
        m.put("engine", info.engine());
        m.put("producer", info.producer());
        m.put("opset", info.opsetVersion());
        m.put("parameters", info.parameterCount());
        m.put("inputs", info.inputs().stream().map(InfoCommand::tensor).toList());
        m.put("outputs", info.outputs().stream().map(InfoCommand::tensor).toList());
        Preprocessing p = info.preprocessing();
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("width", p.width());
        pre.put("height", p.height());
        pre.put("channels", p.channelOrder());
        pre.put("layout", p.layout());
        pre.put("scale", p.scale());
        pre.put("mean", p.mean());
        pre.put("std", p.std());
        pre.put("resize", p.resize());
        pre.put("labels", p.labels());
        m.put("preprocessing", pre);
        m.put("layers", info.layers().stream().map(l -> {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("name", l.name());
            lm.put("op", l.opType());
            lm.put("inputs", l.inputs());
            lm.put("outputs", l.outputs().stream().map(InfoCommand::tensor).toList());
            lm.put("attributes", l.attributes());
            lm.put("parameters", l.parameterCount());
            return lm;
        }).toList());
        return m;
    }

    private static Map<String, Object> tensor(TensorInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("type", t.elementType());
        m.put("shape", t.dims());
        return m;
    }
}
