import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.*;
import io.milvus.v2.service.index.request.CreateIndexReq;
import io.milvus.v2.service.utility.request.FlushReq;
import io.milvus.v2.service.vector.request.InsertReq;
import java.util.*;

/**
 * A collection made the way a user makes one, with the plain Milvus Java SDK and none of the
 * suite's code: doc_id (Int64 key 5,000,000 + 3i), lang (Int64, i % 7), embedding (FloatVector,
 * 200 Gaussian topics + noise, COSINE, IVF_FLAT), flushed, indexed and loaded. It is what
 * docs/load.md measures `load --collection` on.
 *
 *   java -cp target/milvus-bench.jar scripts/HandMadeCollection.java http://127.0.0.1:19530 docs_embeddings 100000 384 256
 */
public class HandMadeCollection {
    public static void main(String[] a) throws Exception {
        String uri = a[0], name = a[1];
        int rows = Integer.parseInt(a[2]), dim = Integer.parseInt(a[3]), nlist = Integer.parseInt(a[4]);
        MilvusClientV2 c = new MilvusClientV2(ConnectConfig.builder().uri(uri).rpcDeadlineMs(600_000L).build());
        CreateCollectionReq.CollectionSchema s = c.createSchema();
        s.addField(AddFieldReq.builder().fieldName("doc_id").dataType(DataType.Int64).isPrimaryKey(true).autoID(false).build());
        s.addField(AddFieldReq.builder().fieldName("lang").dataType(DataType.Int64).build());
        s.addField(AddFieldReq.builder().fieldName("embedding").dataType(DataType.FloatVector).dimension(dim).build());
        c.createCollection(CreateCollectionReq.builder().collectionName(name).collectionSchema(s).consistencyLevel(ConsistencyLevel.BOUNDED).build());
        SplittableRandom r = new SplittableRandom(11);
        float[][] topics = new float[200][dim];
        for (float[] t : topics) for (int d = 0; d < dim; d++) t[d] = (float) r.nextGaussian();
        long t0 = System.nanoTime();
        for (int from = 0; from < rows; from += 2000) {
            List<JsonObject> batch = new ArrayList<>();
            for (int i = from; i < Math.min(rows, from + 2000); i++) {
                JsonObject o = new JsonObject();
                o.addProperty("doc_id", 5_000_000L + 3L * i);
                o.addProperty("lang", i % 7);
                float[] t = topics[r.nextInt(topics.length)];
                JsonArray v = new JsonArray();
                for (int d = 0; d < dim; d++) v.add((float) (t[d] + 1.2 * r.nextGaussian()));
                o.add("embedding", v);
                batch.add(o);
            }
            c.insert(InsertReq.builder().collectionName(name).data(batch).build());
            if (from % 20000 == 0) System.err.printf("inserted %d in %.0f s%n", from, (System.nanoTime() - t0) / 1e9);
        }
        c.flush(FlushReq.builder().collectionNames(List.of(name)).waitFlushedTimeoutMs(600_000L).build());
        c.createIndex(CreateIndexReq.builder().collectionName(name).indexParams(List.of(IndexParam.builder().fieldName("embedding")
                .indexType(IndexParam.IndexType.IVF_FLAT).metricType(IndexParam.MetricType.COSINE).extraParams(Map.of("nlist", nlist)).build())).build());
        c.loadCollection(LoadCollectionReq.builder().collectionName(name).build());
        System.err.printf("ready in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        c.close();
    }
}
