/**
 * Streaming decoding: {@link io.qecnode.decoder.window.StreamingDecoder} takes a block's syndrome rounds one at a
 * time and decodes overlapping windows of them as they complete, committing the oldest rounds of each, so that the
 * work left when the block's last round arrives is one window, not the block. {@link
 * io.qecnode.decoder.window.WindowConfig} sets the window, the commit length and the worst-case cap.
 * <p>
 * Inside: each window position gets its own graph cut from the block graph ({@code WindowGraphCut}), decoder and
 * fallback paths ({@code Window}, {@code BoundaryPaths}); the residual syndrome of the block in progress
 * ({@code BlockSyndrome}) carries committed corrections into the next window as artificial defects.
 */
package io.qecnode.decoder.window;
