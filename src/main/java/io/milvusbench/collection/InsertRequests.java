package io.milvusbench.collection;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.milvus.grpc.DataType;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.FloatArray;
import io.milvus.grpc.InsertRequest;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.MsgBase;
import io.milvus.grpc.MsgType;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.VectorField;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.utils.DataUtils;

import java.util.ArrayList;
import java.util.List;

/**
 * Insert requests of the suite's collections ({@code id}, {@code category}, {@code vector}) as the
 * gRPC message the SDK would send, built without the SDK's row-JSON path. The vector column — the
 * expensive part: the SDK builds one JSON element per float and converts it back on every call —
 * is built once per batch of vectors ({@link #vectors}); a request then only adds the two Int64
 * columns for its ids ({@link #request}, microseconds for thousands of rows) and shares the vector
 * column. {@link #sdkEncode} is the SDK's own path (row JSON, then its conversion), kept to measure
 * what a Java user of the SDK pays on the client ({@code InsertEncodeBenchmark}).
 */
public final class InsertRequests {
    private InsertRequests() {
    }

    /** The vector column of {@code count} rows given row-major, ready to be shared by many requests. */
    public static FieldData vectors(float[] rowMajor, int count, int dim) {
        FloatArray.Builder values = FloatArray.newBuilder();
        for (int i = 0, n = count * dim; i < n; i++) {
            values.addData(rowMajor[i]);
        }
        return FieldData.newBuilder()
                .setType(DataType.FloatVector)
                .setFieldName(VectorCollection.VECTOR)
                .setVectors(VectorField.newBuilder().setDim(dim).setFloatVector(values))
                .build();
    }

    /** An insert of rows {@code firstId .. firstId+count-1} (category {@code id % 100}) with a prebuilt vector column of {@code count} rows. */
    public static InsertRequest request(String collection, String database, long firstId, int count, FieldData vectors) {
        LongArray.Builder ids = LongArray.newBuilder();
        LongArray.Builder categories = LongArray.newBuilder();
        for (int i = 0; i < count; i++) {
            long id = firstId + i;
            ids.addData(id);
            categories.addData(id % VectorCollection.CATEGORIES);
        }
        InsertRequest.Builder req = InsertRequest.newBuilder()
                .setBase(MsgBase.newBuilder().setMsgType(MsgType.Insert))
                .setCollectionName(collection)
                .setNumRows(count)
                .addFieldsData(FieldData.newBuilder().setType(DataType.Int64).setFieldName(VectorCollection.ID)
                        .setScalars(ScalarField.newBuilder().setLongData(ids)))
                .addFieldsData(FieldData.newBuilder().setType(DataType.Int64).setFieldName(VectorCollection.CATEGORY)
                        .setScalars(ScalarField.newBuilder().setLongData(categories)))
                .addFieldsData(vectors);
        if (database != null && !database.isEmpty()) {
            req.setDbName(database);
        }
        return req.build();
    }

    /** The rows as the suite used to send them through the SDK: one JSON object per row, one JSON element per float. */
    public static List<JsonObject> jsonRows(long firstId, float[] rowMajor, int count, int dim) {
        List<JsonObject> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            JsonObject row = new JsonObject();
            long id = firstId + i;
            row.addProperty(VectorCollection.ID, id);
            row.addProperty(VectorCollection.CATEGORY, id % VectorCollection.CATEGORIES);
            JsonArray values = new JsonArray(dim);
            for (int d = i * dim, end = d + dim; d < end; d++) {
                values.add(rowMajor[d]);
            }
            row.add(VectorCollection.VECTOR, values);
            rows.add(row);
        }
        return rows;
    }

    /**
     * The SDK's client-side work for one insert call: the row JSON and its conversion into the gRPC
     * request ({@code DataUtils.InsertBuilderWrapper}, what {@code MilvusClientV2.insert} runs
     * before sending). {@code schema} is the collection's description ({@link #describe}).
     */
    public static InsertRequest sdkEncode(String collection, long firstId, float[] rowMajor, int count, int dim,
                                          DescribeCollectionResp schema) {
        InsertReq req = InsertReq.builder().collectionName(collection).data(jsonRows(firstId, rowMajor, count, dim)).build();
        return new DataUtils.InsertBuilderWrapper().convertGrpcInsertRequest(req, schema);
    }

    /** The description of a suite collection of dimension {@code dim}, as DescribeCollection returns it, without a server. */
    public static DescribeCollectionResp describe(String collection, int dim) {
        CreateCollectionReq.CollectionSchema schema = MilvusClientV2.CreateSchema();
        schema.addField(AddFieldReq.builder().fieldName(VectorCollection.ID).dataType(io.milvus.v2.common.DataType.Int64)
                .isPrimaryKey(true).autoID(false).build());
        schema.addField(AddFieldReq.builder().fieldName(VectorCollection.CATEGORY).dataType(io.milvus.v2.common.DataType.Int64).build());
        schema.addField(AddFieldReq.builder().fieldName(VectorCollection.VECTOR).dataType(io.milvus.v2.common.DataType.FloatVector)
                .dimension(dim).build());
        return DescribeCollectionResp.builder().collectionName(collection).collectionSchema(schema)
                .fieldNames(List.of(VectorCollection.ID, VectorCollection.CATEGORY, VectorCollection.VECTOR))
                .primaryFieldName(VectorCollection.ID).autoID(false).build();
    }
}
