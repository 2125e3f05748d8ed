/**
 * The hardware bus of a repeater node: this module owns the syndrome wire format, the Aeron transport, frame
 * validation and the Chronicle Queue journal.
 */
package io.qecnode.io;
