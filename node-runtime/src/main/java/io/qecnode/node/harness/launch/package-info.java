/**
 * What a multi-process chain needs around its processes: launching each as its own JVM with its own log, following
 * them with a progress line, stopping them all (SIGTERM, grace, SIGKILL) on completion, on a signal or when one dies,
 * checking that nothing is left (no process, no Aeron directory), and, as root, a Linux network namespace per node.
 */
package io.qecnode.node.harness.launch;
