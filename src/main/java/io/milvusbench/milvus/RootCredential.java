package io.milvusbench.milvus;

import io.milvus.grpc.ListCredUsersRequest;
import io.milvus.grpc.MilvusServiceGrpc;
import io.milvus.grpc.UpdateCredentialRequest;
import io.milvus.shaded.io.grpc.ManagedChannel;
import io.milvus.shaded.io.grpc.Metadata;
import io.milvus.shaded.io.grpc.StatusRuntimeException;
import io.milvus.shaded.io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.milvus.shaded.io.grpc.stub.MetadataUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The root password of a Milvus the suite runs as local processes (targets local and cluster).
 * Milvus 2.3 binds its proxy port on every interface, so the scripts start it with authentication
 * on, and the first request after /healthz replaces root's well-known default password
 * ({@code Milvus}) by one made at random here. The password lives in a file of mode 600 in the
 * server's own folder, so a restart or a later run on the same folder reaches the server again;
 * it is never printed, never put on a command line and never written to run.json (the token of
 * {@link ConnectionSpec} is redacted everywhere).
 */
final class RootCredential {
    static final String USER = "root";
    /** Milvus 2.3's built-in root password (2.3 has no setting for another one). */
    static final String DEFAULT_PASSWORD = "Milvus";
    /** Name of the password file in the server's folder. */
    static final String FILE = "root-password";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RootCredential() {
    }

    /**
     * The token ({@code root:password}) of the server on {@code 127.0.0.1:port}: the password kept in
     * {@code folder/root-password}, or, for a server that has none yet, a new random one set now
     * with UpdateCredential (signed in with the default password) and kept. Fails when a user other
     * than root exists right after the change on a server whose folder had no password file: someone
     * reached it while the default password was valid.
     */
    static String establish(Path folder, int port, Duration deadline) {
        Path file = folder.resolve(FILE);
        if (Files.isRegularFile(file)) {
            return USER + ":" + read(file);
        }
        String password = randomPassword();
        Path partial = folder.resolve(FILE + ".partial");
        write(partial, password);
        try {
            call(port, USER + ":" + DEFAULT_PASSWORD, deadline, stub -> {
                var status = stub.updateCredential(UpdateCredentialRequest.newBuilder().setUsername(USER)
                        .setOldPassword(base64(DEFAULT_PASSWORD)).setNewPassword(base64(password)).build());
                RawRpc.check("UpdateCredential", status);
                return null;
            });
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the root password in " + file, e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a partial file of mode 600 in the server's own folder
            }
        }
        List<String> users = call(port, USER + ":" + password, deadline, stub -> {
            var r = stub.listCredUsers(ListCredUsersRequest.getDefaultInstance());
            RawRpc.check("ListCredUsers", r.getStatus());
            return List.copyOf(r.getUsernamesList());
        });
        if (!users.equals(List.of(USER))) {
            throw new IllegalStateException("Milvus on port " + port + " has users " + users + " right after its first start: "
                    + "someone signed in with the default password before the suite changed it; the server is not used");
        }
        return USER + ":" + password;
    }

    /** A password of 32 characters from 24 random bytes (Milvus accepts 6 to 256). */
    static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String read(Path file) {
        try {
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IllegalStateException("the root password file " + file + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the root password file " + file, e);
        }
    }

    private static void write(Path file, String password) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the root password file " + file, e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private interface Call<T> {
        T on(MilvusServiceGrpc.MilvusServiceBlockingStub stub);
    }

    /** One call on a fresh loopback channel signed with {@code token}, within {@code deadline}. */
    private static <T> T call(int port, String token, Duration deadline, Call<T> call) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), base64(token));
            return call.on(MilvusServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException e) {
            throw new IllegalStateException("cannot set the root password of Milvus on 127.0.0.1:" + port + ": " + e.getStatus(), e);
        } finally {
            channel.shutdownNow();
        }
    }
}
