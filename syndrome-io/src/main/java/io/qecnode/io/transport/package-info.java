/**
 * The bus on Aeron: an embedded or external media driver, publishers that never spin without bound, and subscribers
 * that hand frames over in place, straight from the term buffer.
 */
package io.qecnode.io.transport;
