/**
 * Getting hold of a Milvus and talking to it. {@link io.milvusbench.milvus.Targets#open} turns
 * {@link io.milvusbench.milvus.TargetOptions} into a {@link io.milvusbench.milvus.MilvusTarget}: a Testcontainers
 * container ({@link io.milvusbench.milvus.ContainerTarget}), a local process ({@link io.milvusbench.milvus.LocalProcessTarget})
 * or an existing server ({@link io.milvusbench.milvus.UriTarget}). {@link io.milvusbench.milvus.MilvusClients} opens
 * every client (each RPC with a deadline), {@link io.milvusbench.milvus.MetricsEndpoint} reads {@code /healthz} and
 * {@code /metrics}, {@link io.milvusbench.milvus.ErrorCause} turns a failure into a countable cause.
 */
package io.milvusbench.milvus;
