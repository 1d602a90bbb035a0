/**
 * Progress and cancellation: {@link dev.neurolens.core.progress.Progress} is handed to every
 * long-running call and {@link dev.neurolens.core.progress.CancelledException} ends a cancelled
 * one.
 */
package dev.neurolens.core.progress;
