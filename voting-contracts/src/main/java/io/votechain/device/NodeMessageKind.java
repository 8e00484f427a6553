package io.votechain.device;

/** The kinds of {@link NodeMessage} (docs/mqtt.md §2); the tag byte is part of the protocol. */
public enum NodeMessageKind {
  RECEIPT(1),
  DEVICE_CONFIG(2),
  CHALLENGE(3),
  ELECTION_CONFIG(4);

  private final int tag;

  NodeMessageKind(int tag) {
    this.tag = tag;
  }

  public int tag() {
    return tag;
  }

  /** The kind with this tag, or null. */
  public static NodeMessageKind ofTag(int tag) {
    for (NodeMessageKind k : values()) {
      if (k.tag == tag) {
        return k;
      }
    }
    return null;
  }
}
