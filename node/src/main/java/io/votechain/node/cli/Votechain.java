package io.votechain.node.cli;

import io.vertx.core.json.JsonObject;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.crypto.hash.Hash32;
import io.votechain.node.GenesisFile;
import io.votechain.node.LocalNetwork;
import io.votechain.node.NodeConfig;
import io.votechain.node.NotaryStateMachine;
import io.votechain.node.ValidatorNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The validator's command line: {@code init}, {@code start}, {@code dev}, {@code status}. */
@Command(
    name = "votechain",
    mixinStandardHelpOptions = true,
    version = "votechain 0.1.0",
    description = "An end-to-end verifiable, Byzantine-fault-tolerant voting ledger.",
    subcommands = {
      Votechain.Init.class,
      Votechain.Start.class,
      Votechain.Dev.class,
      Votechain.Status.class,
      Load.class,
      BallotLoad.class,
      DemoCommand.class,
      ExportRecordCommand.class,
      VerifyRecordCommand.class
    })
public final class Votechain implements Runnable {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Votechain()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "init", description = "Create keys, a genesis and configs for a new network.")
  static final class Init implements Callable<Integer> {
    @Option(names = "--dir", required = true, description = "Folder for the network's files.")
    Path dir;

    @Option(names = "--validators", defaultValue = "4", description = "Number of validators.")
    int validators;

    @Option(names = "--base-port", defaultValue = "26600", description = "First peer port.")
    int basePort;

    @Option(
        names = "--store",
        defaultValue = "rocksdb",
        description = "rocksdb (embedded) or cassandra.")
    String store;

    @Option(
        names = "--notary",
        description = "A chain that only notarises transactions, without the voting contracts.")
    boolean notary;

    @Override
    public Integer call() throws IOException {
      if (Files.exists(dir.resolve("genesis.json"))) {
        System.err.println("a network already exists in " + dir);
        return 2;
      }
      List<Path> configs =
          notary
              ? LocalNetwork.init(
                  dir, validators, basePort, store, System.currentTimeMillis(), Hash32.ZERO)
              : LocalNetwork.initWithContracts(
                  dir, validators, basePort, store, System.currentTimeMillis());
      Genesis genesis = GenesisFile.read(dir.resolve("genesis.json"));
      System.out.println("chain id " + genesis.hash());
      configs.forEach(c -> System.out.println("config " + c));
      return 0;
    }
  }

  @Command(name = "start", description = "Run one validator from its config file.")
  static final class Start implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "The validator's config.json.")
    Path config;

    @Override
    public Integer call() throws Exception {
      io.votechain.node.JsonLogFormatter.install();
      NodeConfig nodeConfig = NodeConfig.load(config, System.getenv());
      ValidatorNode node =
          new ValidatorNode(
              nodeConfig,
              GenesisFile.readContracts(nodeConfig.genesisFile())
                  .<io.votechain.node.StateMachine>map(io.votechain.node.ContractsStateMachine::new)
                  .orElseGet(NotaryStateMachine::new));
      node.onFatal(
          e -> {
            System.err.println("validator halted: " + e);
            Runtime.getRuntime().halt(70);
          });
      node.start().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      System.out.println(
          "validator "
              + nodeConfig.validatorIndex()
              + " ready: http://"
              + nodeConfig.httpHost()
              + ":"
              + node.httpPort());
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      node.stop()
                          .toCompletionStage()
                          .toCompletableFuture()
                          .get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                      System.err.println("shutdown: " + e);
                    } finally {
                      stopped.countDown();
                    }
                  }));
      stopped.await();
      return 0;
    }
  }

  @Command(
      name = "dev",
      description = "Run a local network of validators on loopback, each in its own process.")
  static final class Dev implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = ".votechain/dev", description = "The network's files.")
    Path dir;

    @Option(names = "--validators", defaultValue = "4")
    int validators;

    @Option(names = "--base-port", defaultValue = "26600")
    int basePort;

    @Option(
        names = "--store",
        defaultValue = "rocksdb",
        description = "rocksdb (embedded, default) or cassandra (a server on 127.0.0.1:9042).")
    String store;

    @Override
    public Integer call() throws Exception {
      if (!Files.exists(dir.resolve("genesis.json"))) {
        LocalNetwork.initWithContracts(
            dir, validators, basePort, store, System.currentTimeMillis());
      }
      List<ValidatorSupervisor> supervisors = new ArrayList<>();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    supervisors.forEach(ValidatorSupervisor::stop);
                    // Each validator stops cleanly (its store closed) before the network's
                    // process ends, so that "stopped" means stopped to whoever waits for it.
                    try {
                      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                      for (ValidatorSupervisor s : supervisors) {
                        s.awaitEnd(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
      String java = ProcessHandle.current().info().command().orElse("java");
      for (int i = 0; i < validators; i++) {
        Path home = dir.resolve("validator-" + i);
        Path log = home.resolve("validator.log");
        ValidatorSupervisor supervisor =
            new ValidatorSupervisor(
                "validator " + i,
                new ProcessBuilder(
                        java,
                        // The memory target: a validator's heap is bounded whatever the number of
                        // ballots (docs/node.md §3b), so the local network runs each in 1 GiB
                        // rather than the JVM's default quarter of the machine.
                        "-Xmx1g",
                        "-Dfile.encoding=UTF-8",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Votechain.class.getName(),
                        "start",
                        "--config",
                        home.resolve("config.json").toString())
                    .redirectErrorStream(true)
                    // Appended to: after a restart, the reason it stopped is still in the log.
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())),
                ValidatorSupervisor.RestartPolicy.DEFAULT,
                System.out,
                System::nanoTime);
        supervisor.start();
        supervisors.add(supervisor);
      }
      for (int i = 0; i < validators; i++) {
        NodeConfig c =
            NodeConfig.load(dir.resolve("validator-" + i).resolve("config.json"), System.getenv());
        String mqtt =
            c.section("mqtt").containsKey("port")
                ? "  mqtt://"
                    + c.section("mqtt").getString("host", "127.0.0.1")
                    + ":"
                    + c.section("mqtt").getInteger("port")
                : "";
        System.out.println(
            "validator "
                + i
                + ": http://"
                + c.httpHost()
                + ":"
                + c.httpPort()
                + "/"
                + mqtt
                + "  (log "
                + dir.resolve("validator-" + i).resolve("validator.log")
                + ")");
      }
      System.out.println("Ctrl-C stops the network; its data stays in " + dir);
      int failed = 0;
      for (ValidatorSupervisor s : supervisors) {
        failed += ValidatorSupervisor.stoppedOnPurpose(s.awaitEnd()) ? 0 : 1;
      }
      return failed == 0 ? 0 : 1;
    }
  }

  @Command(name = "status", description = "Ask a running validator for its status.")
  static final class Status implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:26601")
    String url;

    @Override
    public Integer call() throws Exception {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(url + "/api/v1/status")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      System.out.println(new JsonObject(response.body()).encodePrettily());
      return response.statusCode() == 200 ? 0 : 1;
    }
  }
}
