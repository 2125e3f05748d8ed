/**
 * Pauli frames: the Paulis a node still owes its qubits, kept as packed classical bits and pushed through Clifford
 * gates and measurements instead of being applied as physical gates. Nothing here allocates after construction.
 */
package io.qecnode.pauli;
