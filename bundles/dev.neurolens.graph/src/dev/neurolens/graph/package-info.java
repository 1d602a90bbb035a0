/** TODO */
package dev.neurolens.graph;
