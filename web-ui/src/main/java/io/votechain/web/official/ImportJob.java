package io.votechain.web.official;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A long operation the console shows with a progress bar: a voter-roll import (chunks of at most
 * 1000 credentials, each one {@code AddCredentials} transaction) or a credential issue. Counters
 * only grow; thread safe.
 */
public final class ImportJob {
  private final String id;
  private final String electionId;
  private final int totalChunks;
  private final int totalCredentials;
  private final AtomicInteger committedChunks = new AtomicInteger();
  private final AtomicInteger committedCredentials = new AtomicInteger();
  private final AtomicReference<String> failure = new AtomicReference<>();

  ImportJob(String id, String electionId, int totalChunks, int totalCredentials) {
    this.id = id;
    this.electionId = electionId;
    this.totalChunks = totalChunks;
    this.totalCredentials = totalCredentials;
  }

  public String id() {
    return id;
  }

  public String electionId() {
    return electionId;
  }

  public int totalChunks() {
    return totalChunks;
  }

  public int totalCredentials() {
    return totalCredentials;
  }

  public int committedChunks() {
    return committedChunks.get();
  }

  public int committedCredentials() {
    return committedCredentials.get();
  }

  /** The error code that stopped the import, or null. */
  public String failure() {
    return failure.get();
  }

  public boolean done() {
    return failure.get() != null || committedChunks.get() == totalChunks;
  }

  void chunkCommitted(int credentials) {
    committedChunks.incrementAndGet();
    committedCredentials.addAndGet(credentials);
  }

  void failed(String code) {
    failure.compareAndSet(null, code);
  }
}
