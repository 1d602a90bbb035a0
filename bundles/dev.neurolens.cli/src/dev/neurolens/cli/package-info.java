/** TODO */
package dev.neurolens.cli;
