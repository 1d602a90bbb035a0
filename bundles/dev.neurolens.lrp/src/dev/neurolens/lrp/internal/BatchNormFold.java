package dev.neurolens.lrp.internal;

/**
 * A BatchNormalization merged into the linear layer before it (the canonizer): per output channel
 * {@code y = a·z + c} with {@code a = scale / sqrt(var + ε)} and {@code c = bias − mean·a}, so the
 * merged layer has weights {@code a·W} and bias {@code a·b + c}.
 *
 * @param node the BatchNormalization node's name
 * @param output its output tensor
 * @param scale its scale tensor
 * @param bias its bias tensor
 * @param mean its running mean tensor
 * @param variance its running variance tensor
 * @param epsilon its ε
 */
record BatchNormFold(String node, String output, String scale, String bias, String mean, String variance,
        float epsilon) {
}
