/**
 * The suite's collections on a server: their schema ({@link io.milvusbench.collection.VectorCollection}),
 * the name prefix and ownership marker that let the suite touch only what it created
 * ({@link io.milvusbench.collection.SuiteCollections}), filling them ({@link io.milvusbench.collection.DatasetLoader},
 * {@link io.milvusbench.collection.InsertRequests}), reusing prepared ones across runs
 * ({@link io.milvusbench.collection.PreparedCollections}) and waiting for them to settle
 * ({@link io.milvusbench.collection.SegmentSettle}); {@link io.milvusbench.collection.IndexProbe} asks a server
 * whether it can build an index kind at all. {@link io.milvusbench.collection.ExistingCollection} is the one
 * class here for collections the suite did not create: discovered from their schema and index, streamed, never written.
 */
package io.milvusbench.collection;
