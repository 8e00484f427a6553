package io.votechain.node.cli;

import io.votechain.crypto.hash.Sha256;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An open-loop load run against a running network: submits transactions at a fixed rate, round
 * robin over the validators' HTTP APIs, follows the committed blocks of one validator, and reports
 * committed transactions per second and submit-to-commit latency percentiles (HdrHistogram). Open
 * loop means a slow network does not slow the offered load, so queueing shows up in the latency.
 */
@Command(name = "load", description = "Offer transactions at a fixed rate and measure commits.")
final class Load implements Callable<Integer> {
  @Option(names = "--urls", required = true, split = ",", description = "Validators' HTTP URLs.")
  List<String> urls;

  @Option(names = "--rate", defaultValue = "100", description = "Transactions per second.")
  int rate;

  @Option(names = "--seconds", defaultValue = "30", description = "How long to offer load.")
  int seconds;

  @Option(names = "--size", defaultValue = "1500", description = "Bytes per transaction.")
  int size;

  @Override
  public Integer call() throws Exception {
    long runId = System.nanoTime();
    OpenLoop.Report report =
        OpenLoop.run(
            urls,
            rate,
            (long) rate * seconds,
            n -> {
              byte[] tx = new byte[size];
              ByteBuffer.wrap(tx).putLong(runId).putLong(n);
              return new OpenLoop.Offer(tx, Sha256.hash(tx).hex());
            });
    report.print("transactions of " + size + " bytes", rate, urls.size());
    return report.notCommitted() == 0 ? 0 : 1;
  }
}
