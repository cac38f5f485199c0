package io.streamingcoordinator.bench;

import io.streamingcoordinator.bench.stock.SpamEvents;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The practical upper limit of this machine: plain NIO, one selector per core, each event encoded
 * once and the same bytes written to every socket (gathering writes of what a client has pending).
 * It answers the product's SpamTask URLs in memory; like the product it disconnects a client that
 * falls {@code queueCapacity} events behind.
 *
 * <p>Usage: {@code RawSseServer <port> <queueCapacity> <heartbeatSeconds>}
 */
public final class RawSseServer {

  private static final Pattern NUMBER_FIELD =
      Pattern.compile("\"(\\w+)\"\\s*:\\s*(\\d+|true|false)");
  private static final Pattern TASK_PATH = Pattern.compile("/tasks/tests/SpamTask/(\\d+)");
  private static final Pattern STREAM_PATH = Pattern.compile("/stream/tests/SpamTask/(\\d+)");
  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length:\\s*(\\d+)");
  private static final int MAX_WRITE = 64;

  private final int queueCapacity;
  private final Worker[] workers;
  private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  private RawSseServer(int queueCapacity, int threads) throws IOException {
    this.queueCapacity = queueCapacity;
    this.workers = new Worker[threads];
    for (int i = 0; i < threads; i++) {
      workers[i] = new Worker("raw-io-" + i);
    }
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int capacity = Integer.parseInt(args[1]);
    long heartbeatSeconds = Long.parseLong(args[2]);
    RawSseServer server =
        new RawSseServer(capacity, Math.max(1, Runtime.getRuntime().availableProcessors()));
    for (Worker worker : server.workers) {
      worker.start();
    }
    Thread heartbeat =
        new Thread(
            () -> {
              ByteBuffer ping = ascii(": ping\n\n");
              while (true) {
                try {
                  TimeUnit.SECONDS.sleep(heartbeatSeconds);
                } catch (InterruptedException e) {
                  return;
                }
                for (Worker worker : server.workers) {
                  worker.submit(() -> worker.pingAll(ping));
                }
              }
            },
            "raw-heartbeat");
    heartbeat.setDaemon(true);
    heartbeat.start();
    try (ServerSocketChannel listener = ServerSocketChannel.open()) {
      listener.bind(new InetSocketAddress("0.0.0.0", port), 4096);
      System.out.println("raw SSE server listening on " + port);
      int next = 0;
      while (true) {
        SocketChannel channel = listener.accept();
        channel.configureBlocking(false);
        channel.socket().setTcpNoDelay(true);
        Worker worker = server.workers[next++ % server.workers.length];
        worker.submit(() -> worker.register(channel));
      }
    }
  }

  static ByteBuffer ascii(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
  }

  /** A SpamTask held in memory. */
  private final class Job {
    final long id;
    final int count;
    final int size;
    final int delayMs;
    final boolean hold;
    final CountDownLatch released = new CountDownLatch(1);
    final AtomicBoolean started = new AtomicBoolean();

    Job(long id, Map<String, String> fields) {
      this.id = id;
      this.count = Integer.parseInt(fields.getOrDefault("count", "1000"));
      this.size = Integer.parseInt(fields.getOrDefault("size", "100"));
      this.delayMs = Integer.parseInt(fields.getOrDefault("delayMs", "0"));
      this.hold = Boolean.parseBoolean(fields.getOrDefault("hold", "false"));
    }

    void start() {
      if (started.compareAndSet(false, true)) {
        Thread thread = new Thread(this::run, "raw-job-" + id);
        thread.setDaemon(true);
        thread.start();
      }
    }

    private void run() {
      try {
        if (hold) {
          released.await();
        }
        String payload = "x".repeat(size);
        long start = System.nanoTime();
        for (int i = 1; i <= count; i++) {
          if (delayMs > 0) {
            long wait =
                start + TimeUnit.MILLISECONDS.toNanos((long) i * delayMs) - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
          }
          publish(
              ascii(SpamEvents.frame(i, "progress", SpamEvents.progress(id, i, count, payload))),
              false);
        }
        publish(
            ascii(SpamEvents.frame(count + 1, "complete", SpamEvents.complete(id, count))), true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        jobs.remove(id);
      }
    }

    private void publish(ByteBuffer frame, boolean last) {
      for (Worker worker : workers) {
        worker.publish(this, frame, last);
      }
    }
  }

  /** One selector thread and the connections it owns; only its thread touches them. */
  private final class Worker extends Thread {
    private final Selector selector;
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final Map<Job, List<Connection>> subscribers = new HashMap<>();

    Worker(String name) throws IOException {
      super(name);
      setDaemon(true);
      selector = Selector.open();
    }

    void submit(Runnable action) {
      inbox.add(action);
      selector.wakeup();
    }

    void publish(Job job, ByteBuffer frame, boolean last) {
      submit(
          () -> {
            List<Connection> list = last ? subscribers.remove(job) : subscribers.get(job);
            if (list == null) {
              return;
            }
            for (Connection connection : list) {
              connection.enqueue(frame.duplicate());
              if (last) {
                connection.closeWhenFlushed = true;
                connection.flush();
              }
            }
          });
    }

    void register(SocketChannel channel) {
      try {
        channel.register(selector, SelectionKey.OP_READ, new Connection(this, channel));
      } catch (IOException e) {
        close(channel);
      }
    }

    void pingAll(ByteBuffer ping) {
      for (List<Connection> list : subscribers.values()) {
        for (Connection connection : list) {
          connection.enqueue(ping.duplicate());
        }
      }
    }

    void subscribe(Job job, Connection connection) {
      subscribers.computeIfAbsent(job, j -> new ArrayList<>()).add(connection);
    }

    void unsubscribe(Connection connection) {
      if (connection.job != null) {
        List<Connection> list = subscribers.get(connection.job);
        if (list != null) {
          list.remove(connection);
        }
      }
    }

    @Override
    public void run() {
      List<Connection> dirty = new ArrayList<>();
      while (true) {
        try {
          selector.select();
          for (Runnable action; (action = inbox.poll()) != null; ) {
            action.run();
          }
          for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
            SelectionKey key = keys.next();
            keys.remove();
            Connection connection = (Connection) key.attachment();
            if (!key.isValid()) {
              continue;
            }
            if (key.isReadable()) {
              connection.read();
            }
            if (key.isValid() && key.isWritable()) {
              connection.flush();
            }
          }
          dirty.clear();
          for (List<Connection> list : subscribers.values()) {
            for (Connection connection : list) {
              if (connection.pendingWrite || connection.overflow) {
                dirty.add(connection);
              }
            }
          }
          for (Connection connection : dirty) {
            if (connection.overflow) {
              connection.close(); // fell too far behind, as the product's evict policy does
            } else {
              connection.flush();
            }
          }
        } catch (IOException e) {
          System.err.println("raw worker: " + e);
        }
      }
    }
  }

  /** One client socket: an HTTP request in, then either a short answer or an event stream. */
  private final class Connection {
    final Worker worker;
    final SocketChannel channel;
    final ByteBuffer in = ByteBuffer.allocate(8192);
    final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    final ByteBuffer[] batch = new ByteBuffer[MAX_WRITE];
    Job job;
    boolean streaming;
    boolean pendingWrite;
    boolean closeWhenFlushed;
    boolean overflow;

    Connection(Worker worker, SocketChannel channel) {
      this.worker = worker;
      this.channel = channel;
    }

    void read() {
      try {
        if (channel.read(in) < 0) {
          close();
          return;
        }
      } catch (IOException e) {
        close();
        return;
      }
      if (!streaming) {
        handleRequests();
      } else {
        in.clear(); // a stream's client has nothing more to say
      }
    }

    private void handleRequests() {
      while (true) {
        String text = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
          return;
        }
        int length = 0;
        Matcher m = CONTENT_LENGTH.matcher(text.substring(0, headerEnd));
        if (m.find()) {
          length = Integer.parseInt(m.group(1));
        }
        int total = headerEnd + 4 + length;
        if (in.position() < total) {
          return;
        }
        String requestLine = text.substring(0, text.indexOf("\r\n"));
        String body = text.substring(headerEnd + 4, total);
        int rest = in.position() - total;
        System.arraycopy(in.array(), total, in.array(), 0, rest);
        in.position(rest);
        answer(requestLine.split(" "), body);
        if (streaming || !channel.isOpen()) {
          return;
        }
      }
    }

    private void answer(String[] request, String body) {
      String method = request[0];
      String target = request.length > 1 ? request[1] : "/";
      String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
      Matcher task = TASK_PATH.matcher(path);
      Matcher stream = STREAM_PATH.matcher(path);
      if (method.equals("GET") && path.equals("/tasks")) {
        respond(200, "[\"tests/SpamTask\"]");
      } else if (method.equals("POST") && path.equals("/tasks/tests/SpamTask")) {
        Job job = new Job(ids.incrementAndGet(), fields(body));
        jobs.put(job.id, job);
        if (!target.contains("start=false")) {
          job.start();
        }
        respond(201, "{\"id\":" + job.id + "}");
      } else if (method.equals("PATCH") && task.matches()) {
        Job job = jobs.get(Long.parseLong(task.group(1)));
        if (job == null) {
          respond(404, "{}");
        } else {
          if ("false".equals(fields(body).get("hold"))) {
            job.released.countDown();
          }
          respond(200, "{\"id\":" + job.id + "}");
        }
      } else if (method.equals("GET") && stream.matches()) {
        Job found = jobs.get(Long.parseLong(stream.group(1)));
        if (found == null) {
          respond(404, "{}");
          return;
        }
        streaming = true;
        job = found;
        enqueue(
            ascii(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                    + "Connection: close\r\n\r\n"));
        worker.subscribe(found, this);
        found.start();
      } else {
        respond(404, "{}");
      }
    }

    private Map<String, String> fields(String body) {
      Map<String, String> fields = new HashMap<>();
      Matcher m = NUMBER_FIELD.matcher(body);
      while (m.find()) {
        fields.put(m.group(1), m.group(2));
      }
      return fields;
    }

    private void respond(int status, String json) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      enqueue(
          ascii(
              "HTTP/1.1 "
                  + status
                  + (status < 300 ? " OK" : " Not Found")
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + bytes.length
                  + "\r\n\r\n"
                  + json));
      flush();
    }

    void enqueue(ByteBuffer frame) {
      if (overflow) {
        return;
      }
      if (streaming && pending.size() >= queueCapacity) {
        overflow = true;
        pending.clear();
        return;
      }
      pending.add(frame);
      pendingWrite = true;
    }

    void flush() {
      try {
        while (!pending.isEmpty()) {
          int n = 0;
          for (ByteBuffer buffer : pending) {
            batch[n++] = buffer;
            if (n == MAX_WRITE) {
              break;
            }
          }
          channel.write(batch, 0, n);
          while (!pending.isEmpty() && !pending.peek().hasRemaining()) {
            pending.poll();
          }
          if (batch[n - 1].hasRemaining()) {
            break; // the socket is full
          }
        }
      } catch (IOException e) {
        close();
        return;
      }
      pendingWrite = !pending.isEmpty();
      SelectionKey key = channel.keyFor(worker.selector);
      if (key != null && key.isValid()) {
        key.interestOps(SelectionKey.OP_READ | (pendingWrite ? SelectionKey.OP_WRITE : 0));
      }
      if (!pendingWrite && closeWhenFlushed) {
        close();
      }
    }

    void close() {
      worker.unsubscribe(this);
      pending.clear();
      pendingWrite = false;
      RawSseServer.close(channel);
    }
  }

  private static void close(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
