/**
 * Class activation maps as {@link dev.neurolens.core.explain.Explainer} services: Grad-CAM,
 * Grad-CAM++ and Guided Grad-CAM, at a chosen layer (default: the last spatial tensor before
 * the global pooling). Raw maps live at the layer's resolution; a bilinear upsample to the
 * input's size comes with them.
 */
package dev.neurolens.gradcam;
