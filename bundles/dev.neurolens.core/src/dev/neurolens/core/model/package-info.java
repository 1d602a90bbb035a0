/**
 * Engines and models: a {@link dev.neurolens.core.model.ModelAdapter} service per engine opens a
 * model file into a {@link dev.neurolens.core.model.LoadedModel}, whose
 * {@link dev.neurolens.core.model.ModelInfo} lists inputs, outputs, layers and the
 * {@link dev.neurolens.core.model.Preprocessing} its images need.
 */
package dev.neurolens.core.model;
