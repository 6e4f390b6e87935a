package io.milvusbench.milvus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The TCP listening sockets of this machine as the kernel lists them (/proc/net/tcp and tcp6),
 * and which of them belong to given processes (their /proc/PID/fd links {@code socket:[inode]}).
 * Read from /proc only: nothing is sent anywhere.
 */
final class ListeningSockets {
    private static final String LISTEN = "0A";
    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");

    /** One listening socket: its local address, port and inode; pid where known, else 0. */
    record Listener(InetAddress address, int port, long inode, long pid) {
        boolean loopback() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            String host = address.isAnyLocalAddress() ? "*" : address.getHostAddress();
            return host + ":" + port + (pid > 0 ? " (pid " + pid + ")" : "");
        }
    }

    private ListeningSockets() {
    }

    /** Every listening TCP socket of the machine (IPv4 and IPv6), pid unknown. */
    static List<Listener> all() {
        List<Listener> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[3].equals(LISTEN)) {
                        String[] local = f[1].split(":");
                        out.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16), Long.parseLong(f[9]), 0));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table, e);
            }
        }
        return out;
    }

    /** The listening sockets owned by any of {@code pids}, each with its owner's pid. */
    static List<Listener> of(Collection<Long> pids) {
        List<Listener> all = all();
        List<Listener> out = new ArrayList<>();
        for (long pid : pids) {
            Set<Long> inodes = socketInodes(pid);
            for (Listener l : all) {
                if (inodes.contains(l.inode())) {
                    out.add(new Listener(l.address(), l.port(), l.inode(), pid));
                }
            }
        }
        return out;
    }

    /** The inodes of the sockets {@code pid} holds open. */
    static Set<Long> socketInodes(long pid) {
        Set<Long> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    Matcher m = SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        inodes.add(Long.parseLong(m.group(1)));
                    }
                } catch (IOException e) {
                    // the fd was closed meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the fds of pid " + pid, e);
        }
        return inodes;
    }

    /** Pids of the processes whose command line contains {@code text} (e.g. a container id). */
    static List<Long> pidsWithCommandLine(String text) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (cmd.contains(text)) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
        return pids;
    }

    /** The address in /proc/net/tcp(6) notation: hex, each 32-bit word in host (little-endian) order. */
    static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address " + hex, e);
        }
    }
}
