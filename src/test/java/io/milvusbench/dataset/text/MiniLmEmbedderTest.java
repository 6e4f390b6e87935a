package io.milvusbench.dataset.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real all-MiniLM-L6-v2 model from its Maven artifact, on three sentences: no network, 384 unit-length dimensions, meaning. */
class MiniLmEmbedderTest {
    @Test
    void similarSentencesAreCloserThanUnrelatedOnes() {
        try (MiniLmEmbedder model = MiniLmEmbedder.open(2)) {
            float[][] v = model.embed(List.of("A dog is barking at the postman.", "The puppy barks loudly at the mail carrier.",
                    "Interest rates rose and the stock market fell."));
            assertEquals(3, v.length);
            for (float[] x : v) {
                assertEquals(384, x.length);
                assertEquals(1.0, dot(x, x), 1e-4);
            }
            double related = dot(v[0], v[1]);
            double unrelated = dot(v[0], v[2]);
            assertTrue(related > 0.5 && unrelated < 0.3 && related > unrelated + 0.3, related + " vs " + unrelated);
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
