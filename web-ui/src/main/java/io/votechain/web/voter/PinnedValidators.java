package io.votechain.web.voter;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validator keys an operator may pin in the {@code web} configuration section ({@code "validators":
 * [hex Ed25519 keys in genesis order], "consensusChainId": hex}). Pinned, the check page verifies
 * commit certificates against these keys instead of the ones the node's {@code /api/v1/validators}
 * reports: a site run by another organisation than the validators can so anchor its voters' checks
 * in a genesis it obtained independently (docs/web-voting.md §5). Malformed entries are ignored as
 * a whole (nothing pinned), never half-used.
 *
 * @param keys lower-case hex keys, empty when nothing is pinned
 * @param chainId lower-case hex consensus chain id, empty when nothing is pinned
 */
record PinnedValidators(List<String> keys, String chainId) {
  private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{64}");
  static final PinnedValidators NONE = new PinnedValidators(List.of(), "");

  PinnedValidators {
    keys = List.copyOf(keys);
  }

  static PinnedValidators of(JsonObject webConfig) {
    JsonArray array = webConfig.getJsonArray("validators", new JsonArray());
    String chain = webConfig.getString("consensusChainId", "");
    List<String> keys = new ArrayList<>();
    for (Object k : array) {
      if (!(k instanceof String s) || !HEX32.matcher(s).matches()) {
        return NONE;
      }
      keys.add(s.toLowerCase(java.util.Locale.ROOT));
    }
    if (keys.isEmpty() || !HEX32.matcher(chain).matches()) {
      return NONE;
    }
    return new PinnedValidators(keys, chain.toLowerCase(java.util.Locale.ROOT));
  }

  String keysCsv() {
    return String.join(",", keys);
  }
}
