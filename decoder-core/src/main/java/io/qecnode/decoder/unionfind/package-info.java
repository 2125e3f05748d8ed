/**
 * Union-find decoding (Delfosse and Nickerson, 2017), split by stage: {@link io.qecnode.decoder.unionfind.ClusterForest}
 * (clusters, union by size, path compression, parity and boundary), {@link io.qecnode.decoder.unionfind.ClusterGrowth}
 * (growth of odd clusters along their frontier), {@link io.qecnode.decoder.unionfind.Peeler} (correction from a spanning
 * forest) and the driver {@link io.qecnode.decoder.unionfind.UnionFindDecoder}.
 * <p>
 * All working memory is allocated at construction and only the vertices and edges a call touched are reset, so a
 * call costs in proportion to the defects, not to the graph.
 */
package io.qecnode.decoder.unionfind;
