package io.milvusbench.milvus;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

/**
 * The round trip against Milvus started as a plain local process (scripts/milvus-local.sh), and
 * what its listening sockets answer: nothing on a non-loopback address without the run's credential
 * except Milvus 2.3's internal ports (see {@link ExposureCheck}).
 */
class LocalProcessRoundTripIT extends MilvusRoundTripContract {
    @Override
    MilvusTarget startTarget() {
        LocalProcessTarget local = LocalProcessTarget.start(TargetOptions.fromSystemProperties());
        System.out.printf("local process: healthy after %d ms (pid %d)%n", local.startToHealthy().toMillis(), local.pid());
        return local;
    }

    @Test
    @Order(8)
    void listenersOnEveryInterfaceRefuseRequestsWithoutTheRunCredential() {
        LocalProcessTarget local = (LocalProcessTarget) target;
        ExposureCheck.Report report = ExposureCheck.check(List.of(local.pid()), local.connection().port(),
                Set.of(local.metricsUri().orElseThrow().getPort()), local.connection().token());
        report.print("local process");
    }
}
