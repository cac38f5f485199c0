package io.streamingcoordinator.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server under test in its own JVM, with what the benchmark reads off it: heap, RSS, CPU. */
final class ServerProcess implements AutoCloseable {

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final long CLOCK_TICK_NANOS = 10_000_000; // USER_HZ is 100 on Linux

  final String name;
  final int port;
  private final Path log;
  private final Process process;

  private ServerProcess(String name, int port, List<String> command, Path log) throws IOException {
    this.name = name;
    this.port = port;
    this.log = log;
    Files.createDirectories(log.getParent());
    this.process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** Payara Micro with a WAR at the root context. */
  static ServerProcess payara(
      String name,
      Path payaraJar,
      Path war,
      String heap,
      List<String> systemProperties,
      List<String> microOptions,
      Path workDir)
      throws IOException {
    int port = freePort();
    Path root = workDir.resolve(name + "-root");
    deleteTree(root); // Payara Micro would redeploy what an earlier run left there
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap));
    command.addAll(extraJvmOptions(name, workDir));
    command.addAll(systemProperties);
    command.addAll(
        List.of(
            "-jar",
            payaraJar.toString(),
            "--nohazelcast",
            "--disablephonehome",
            "--systemProperties",
            BenchIdentity.systemProperties(workDir).toString(),
            "--port",
            String.valueOf(port),
            "--rootDir",
            root.toString()));
    command.addAll(microOptions);
    command.addAll(List.of("--deploy", war.toString(), "--contextroot", "/"));
    return new ServerProcess(name, port, command, workDir.resolve(name + ".log"));
  }

  /**
   * With {@code -Dbench.profile=true} each server records a Java Flight Recording ({@code
   * <name>.jfr} in the output directory) for profiling.
   */
  private static List<String> extraJvmOptions(String name, Path workDir) {
    if (!Boolean.getBoolean("bench.profile")) {
      return List.of();
    }
    return List.of(
        "-XX:StartFlightRecording=settings=profile,filename="
            + workDir.resolve(name + ".jfr").toAbsolutePath());
  }

  private static void deleteTree(Path root) throws IOException {
    if (Files.exists(root)) {
      try (var paths = Files.walk(root)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  /** The raw NIO server from this classpath. */
  static ServerProcess raw(String heap, int queueCapacity, int heartbeatSeconds, Path workDir)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap));
    command.addAll(extraJvmOptions("raw", workDir));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            RawSseServer.class.getName(),
            String.valueOf(port),
            String.valueOf(queueCapacity),
            String.valueOf(heartbeatSeconds)));
    return new ServerProcess("raw", port, command, workDir.resolve("raw.log"));
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Waits until {@code GET /tasks} answers 200. */
  ServerProcess awaitReady(HttpClient http, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue());
      }
      try {
        HttpResponse<Void> response =
            http.send(
                BenchIdentity.request(uri("/tasks")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new IllegalStateException(name + " did not answer within " + timeout);
  }

  long pid() {
    return process.pid();
  }

  /** Heap in use right after a full collection, in bytes (via jcmd GC.run and GC.heap_info). */
  long heapAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher m = HEAP_USED.matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("no heap figure in: " + info);
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  /** Resident set size in bytes. */
  long rss() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid());
  }

  /** CPU time used so far (user + system), in nanoseconds. */
  long cpuNanos() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields[11] and fields[12] are utime and stime (fields 14 and 15 of proc(5))
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * CLOCK_TICK_NANOS;
  }

  /** Writes a thread dump of the server next to its log; returns where. */
  Path dumpThreads(String why) throws IOException, InterruptedException {
    Path dump = log.resolveSibling(name + "-" + why + "-threads.txt");
    Files.writeString(dump, jcmd("Thread.print"));
    return dump;
  }

  /** The lines of the server's console so far that {@code wanted} picks. */
  List<String> logLines(Predicate<String> wanted) throws IOException {
    try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      return lines.filter(wanted).toList();
    }
  }

  /** Open file descriptors of the server process. */
  long openFiles() {
    String[] fds = Path.of("/proc/" + pid() + "/fd").toFile().list();
    return fds == null ? -1 : fds.length;
  }

  /** Runs jcmd against the server; a server too sick to answer within a minute fails it. */
  private String jcmd(String command) throws IOException, InterruptedException {
    Path javaBin = Path.of(java()).getParent();
    Path output = Files.createTempFile("jcmd", ".txt");
    try {
      Process p =
          new ProcessBuilder(javaBin.resolve("jcmd").toString(), String.valueOf(pid()), command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IllegalStateException("jcmd " + command + ": no answer within 60 s");
      }
      String text = Files.readString(output);
      if (p.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + command + " failed: " + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ", port " + port + ")";
  }
}
