package io.milvusbench.milvus;

/** The round trip against Milvus started as a plain local process (scripts/milvus-local.sh). */
class LocalProcessRoundTripIT extends MilvusRoundTripContract {
    @Override
    MilvusTarget startTarget() {
        LocalProcessTarget local = LocalProcessTarget.start(TargetOptions.fromSystemProperties());
        System.out.printf("local process: healthy after %d ms (pid %d)%n", local.startToHealthy().toMillis(), local.pid());
        return local;
    }
}
