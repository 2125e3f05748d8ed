/**
 * What the node needs from the JVM and the machine it runs on, and checks that say plainly what is missing.
 */
package io.qecnode.node.platform;
