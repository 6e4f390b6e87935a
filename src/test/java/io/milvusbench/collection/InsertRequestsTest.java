package io.milvusbench.collection;

import io.milvus.grpc.FieldData;
import io.milvus.grpc.InsertRequest;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InsertRequestsTest {
    @Test
    void prebuiltRequestCarriesWhatTheSdkWouldSend() {
        int dim = 5;
        int count = 7;
        float[] rows = new float[count * dim];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i * 0.25f - 3;
        }
        InsertRequest sdk = InsertRequests.sdkEncode("mbench_x", 100, rows, count, dim, InsertRequests.describe("mbench_x", dim));
        InsertRequest ours = InsertRequests.request("mbench_x", null, 100, count, InsertRequests.vectors(rows, count, dim));
        assertEquals(sdk.getCollectionName(), ours.getCollectionName());
        assertEquals(sdk.getNumRows(), ours.getNumRows());
        assertEquals(sdk.getBase().getMsgType(), ours.getBase().getMsgType());
        assertEquals(byName(sdk.getFieldsDataList()), byName(ours.getFieldsDataList()));
        assertEquals(106, ours.getFieldsData(0).getScalars().getLongData().getData(6));
        assertEquals(6, ours.getFieldsData(1).getScalars().getLongData().getData(6));
    }

    private static List<FieldData> byName(List<FieldData> fields) {
        return fields.stream().map(f -> f.toBuilder().clearFieldId().build()).sorted(Comparator.comparing(FieldData::getFieldName)).toList();
    }
}
