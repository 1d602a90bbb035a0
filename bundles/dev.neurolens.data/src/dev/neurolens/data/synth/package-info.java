/**
 * Synthetic concept scenes with exact pixel masks: shapes ({@code object}), the eleven Broden
 * colour names ({@code color}) and procedural textures ({@code texture}) on plain or textured
 * backgrounds ({@code scene}). {@link dev.neurolens.data.synth.SceneGenerator} makes them
 * deterministically from a seed, in memory or as a Broden dataset.
 */
package dev.neurolens.data.synth;
