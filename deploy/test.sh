#!/usr/bin/env bash
# Runs every test of votechain: unit tests, architecture rules, formatting check, and (in `verify`)
# the integration tests. Installs what the tests need on a Debian machine when it is missing.
# Usage: deploy/test.sh [extra Maven arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
# The MQTT gateway's broker-mode and third-party-client tests run a real Mosquitto; the web UI's
# tests drive Debian's Chromium through ChromeDriver and build their JavaScript with npm.
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need_apt+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || need_apt+=(mosquitto-clients)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
# Chinese pages in screenshots and accessibility checks need a CJK font.
[ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need_apt+=(fonts-wqy-zenhei)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "deploy/test.sh: please install: ${need_apt[*]}" >&2
    exit 1
  fi
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_apt[@]}"
fi

java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
if [ "${java_major:-0}" -lt 17 ]; then
  echo "deploy/test.sh: Java 17 or newer is required (found ${java_major:-none})" >&2
  exit 1
fi

exec mvn -B -ntp verify "$@"
