/**
 * The {@code qec-node.jar} command line.
 */
package io.qecnode.node.cli;
