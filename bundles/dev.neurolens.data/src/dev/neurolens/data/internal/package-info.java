/**
 * Helpers of the data bundle (CSV, PNG); not API, exported only as {@code x-internal}.
 */
package dev.neurolens.data.internal;
